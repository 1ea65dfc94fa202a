import { Injectable } from '@nestjs/common';
import { Clock } from '#core';
import type { Actor } from '#auth';
import { GrantAction } from './application-status.js';
import { GrantApplicationRepository } from './grant-application.repository.js';
import { DisbursementStatus, GrantDocumentKind } from './grant-enums.js';
import { GrantDisbursementRepository } from './grant-disbursement.repository.js';
import { GrantDisbursementService } from './grant-disbursement.service.js';
import { GrantMoves } from './grant-moves.service.js';
import { GrantNotices } from './grant-notices.js';
import { GrantsError } from './grants.errors.js';
import { GrantLocks } from './grant-locks.js';
import type { Decided } from './grant-decision.service.js';

/** The end of a grant: completed (certificate received) or cancelled; what is no longer needed is released. */
@Injectable()
export class GrantClosingService {
  constructor(
    private readonly locks: GrantLocks,
    private readonly applications: GrantApplicationRepository,
    private readonly disbursements: GrantDisbursementRepository,
    private readonly payments: GrantDisbursementService,
    private readonly moves: GrantMoves,
    private readonly notices: GrantNotices,
    private readonly clock: Clock,
  ) {}

  async complete(actor: Actor, id: string, comment: string | null): Promise<Decided> {
    return this.locks.onApplication(actor, id, async (application, program) => {
      this.moves.check(actor, application, GrantAction.COMPLETE);
      const documents = await this.applications.documentsOf([application.id]);
      if (!documents.some((d) => d.kind === GrantDocumentKind.CERTIFICATE)) throw GrantsError.missingDocuments([GrantDocumentKind.CERTIFICATE]);
      const list = await this.disbursements.lockOfApplication(application.id);
      if (list.some((d) => d.status === DisbursementStatus.SCHEDULED || d.status === DisbursementStatus.IN_BATCH)) throw GrantsError.pendingPayments();
      await this.payments.releaseUnpaid(program, application, this.clock.today());
      const saved = await this.moves.apply(actor, application, GrantAction.COMPLETE, comment, { closedAt: this.clock.now() });
      return { application: saved, program };
    });
  }

  async cancel(actor: Actor, id: string, comment: string): Promise<Decided> {
    return this.locks.onApplication(actor, id, async (application, program) => {
      this.moves.check(actor, application, GrantAction.CANCEL);
      const list = await this.disbursements.lockOfApplication(application.id);
      if (list.some((d) => d.status === DisbursementStatus.IN_BATCH)) throw GrantsError.paymentsInFlight();
      for (const d of list.filter((d) => d.status === DisbursementStatus.SCHEDULED)) {
        d.status = DisbursementStatus.CANCELLED;
        await this.disbursements.save(d);
      }
      await this.payments.releaseUnpaid(program, application, this.clock.today());
      const saved = await this.moves.apply(actor, application, GrantAction.CANCEL, comment, { closedAt: this.clock.now() });
      await this.notices.decision(program, saved, 'CANCELLED', comment);
      return { application: saved, program };
    });
  }


}
