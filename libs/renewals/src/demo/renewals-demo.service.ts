import { Injectable } from '@nestjs/common';
import { Clock } from '#core';
import { SYSTEM_ACTOR } from '#auth';
import { CreateDuesPlanInput, DuesPlanService, MembershipEnrollment, MembershipStatus, PeriodMode, ShareKind, addDays, addMonths, anniversaryPeriod } from '#dues';
import { MemberKind, MemberRegistration } from '#members';
import { RenewalRun, type RenewalRunResult } from '../renewal-run.service.js';

/**
 * Days from today on which the first anniversary year of each demo renewal member ends: due in 30,
 * 7 days, today (their reminders go out), ended and in grace, ended with grace run out (lapsed).
 */
export const DEMO_RENEWAL_OFFSETS = [29, 24, 18, 12, 7, 4, 0, -3, -5, -24, -27, -40, -55] as const;

const GIVEN: [string, string][] = [['陽菜', 'ヒナ'], ['蓮', 'レン'], ['結衣', 'ユイ'], ['湊', 'ミナト'], ['凛', 'リン'], ['悠真', 'ユウマ'], ['葵', 'アオイ']];

/**
 * The renewals' part of the demo federation: Tokyo members on an anniversary plan (個人会員 加入日更新)
 * whose year ends around today, registered and enrolled through the members' and dues' own
 * services, then today's renewal run: their renewal invoices, reminders e-mailed (the mail
 * catcher's inbox), some in grace, some lapsed. Idempotent like the run itself.
 */
@Injectable()
export class RenewalsDemo {
  constructor(
    private readonly plans: DuesPlanService,
    private readonly registration: MemberRegistration,
    private readonly enrollment: MembershipEnrollment,
    private readonly run: RenewalRun,
    private readonly clock: Clock,
  ) {}

  async seed(branchId: string): Promise<RenewalRunResult & { members: number }> {
    const today = this.clock.today();
    const plan = await this.plans.create(
      SYSTEM_ACTOR,
      Object.assign(new CreateDuesPlanInput(), {
        code: 'IND-ANN',
        nameJa: '個人会員 (加入日更新)',
        nameEn: 'Individual (renews on the joining date)',
        memberKind: MemberKind.PERSON,
        amount: 6000n,
        periodMode: PeriodMode.ANNIVERSARY,
        graceDays: 30,
        federationShareKind: ShareKind.BASIS_POINTS,
        federationShareValue: 3000n,
      }),
    );
    const rows = [];
    for (const [i, offset] of DEMO_RENEWAL_OFFSETS.entries()) {
      const joinedOn = addMonths(addDays(today, offset + 1), -12);
      const [givenName, givenNameKana] = GIVEN[i % GIVEN.length];
      const member = await this.registration.createPerson(SYSTEM_ACTOR, {
        familyName: '更新',
        givenName,
        familyNameKana: 'コウシン',
        givenNameKana,
        email: `renewal-${String(i + 1).padStart(2, '0')}@example.jp`,
        branchId,
        joinedOn,
      });
      const period = anniversaryPeriod(joinedOn, 0);
      rows.push({ memberId: member.id, planId: plan.id, joinedOn, status: MembershipStatus.ACTIVE as const, periodStart: period.start, periodEnd: period.end, paidThrough: period.end });
    }
    await this.enrollment.enrollMany(SYSTEM_ACTOR, rows);
    return { ...(await this.run.run(SYSTEM_ACTOR, { branchId })), members: rows.length };
  }
}
