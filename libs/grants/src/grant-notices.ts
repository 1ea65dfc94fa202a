import { Injectable } from '@nestjs/common';
import { Money } from '#core';
import { EmailOutbox } from '#notifications';
import type { GrantApplication } from './grant-application.entity.js';
import { GrantApplicationRepository } from './grant-application.repository.js';
import type { GrantProgram } from './grant-program.entity.js';

export type GrantDecisionKind = 'APPROVED' | 'REJECTED' | 'CHANGES_REQUESTED' | 'CANCELLED';

export function applicationCode(program: Pick<GrantProgram, 'code'>, application: Pick<GrantApplication, 'number'>): string {
  return `${program.code}-${String(application.number).padStart(4, '0')}`;
}

/** E-mails the applicant each decision, in their language, through the outbox (in the decision's transaction). */
@Injectable()
export class GrantNotices {
  constructor(
    private readonly outbox: EmailOutbox,
    private readonly applications: GrantApplicationRepository,
  ) {}

  async decision(program: GrantProgram, application: GrantApplication, decision: GrantDecisionKind, comment: string | null): Promise<void> {
    application.noticeCount += 1;
    await this.applications.save(application);
    const locale = application.locale;
    await this.outbox.queue({
      idempotencyKey: `grant-decision:${application.id}:${application.noticeCount}`,
      to: application.email,
      template: 'grant-decision',
      locale,
      params: {
        applicantName: application.applicantNameKanji,
        programName: locale === 'ja' ? program.nameJa : program.nameEn,
        applicationCode: applicationCode(program, application),
        decision,
        amount: decision === 'APPROVED' && application.approvedAmount ? Money.of(application.approvedAmount, program.currency.trim()).format(locale) : null,
        comment,
      },
    });
  }
}
