import { Injectable } from '@nestjs/common';
import { Clock, TransactionService } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { GrantAction, GrantApplicationStatus } from './application-status.js';
import { payable } from './budget.js';
import type { GrantApplication } from './grant-application.entity.js';
import { GrantApplicationRepository } from './grant-application.repository.js';
import { GrantBatchStatus, DisbursementStatus } from './grant-enums.js';
import type { GrantDisbursement } from './grant-disbursement.entity.js';
import { GrantDisbursementRepository } from './grant-disbursement.repository.js';
import { GrantLedger } from './grant-ledger.js';
import { GrantMoves } from './grant-moves.service.js';
import type { GrantProgram } from './grant-program.entity.js';
import { GrantProgramRepository } from './grant-program.repository.js';
import { GrantsError } from './grants.errors.js';
import type { ScheduleGrantDisbursementInput } from './api/grant-payment.input.js';

const LIVE = [DisbursementStatus.SCHEDULED, DisbursementStatus.IN_BATCH, DisbursementStatus.PAID];

export const sumOf = (list: readonly GrantDisbursement[], statuses: readonly DisbursementStatus[]) =>
  list.filter((d) => statuses.includes(d.status)).reduce((s, d) => s + d.amount, 0n);

/**
 * Payments of approved grants: queued, paid (Dr grants payable / Cr bank, in the foundation's
 * book) or returned by the bank (back in the queue). `markPaid` is what reconciliation calls when a
 * statement line matches the bank's debit.
 */
@Injectable()
export class GrantDisbursementService {
  constructor(
    private readonly tx: TransactionService,
    private readonly applications: GrantApplicationRepository,
    private readonly programs: GrantProgramRepository,
    private readonly disbursements: GrantDisbursementRepository,
    private readonly moves: GrantMoves,
    private readonly ledger: GrantLedger,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async schedule(actor: Actor, input: ScheduleGrantDisbursementInput): Promise<GrantDisbursement> {
    return this.tx.run(async () => {
      const application = await this.applications.lockById(input.applicationId);
      if (!application) throw GrantsError.applicationNotFound(input.applicationId);
      if (application.status !== GrantApplicationStatus.APPROVED && application.status !== GrantApplicationStatus.DISBURSED) {
        throw GrantsError.wrongStatus(application.status, GrantAction.DISBURSE);
      }
      if (!(await this.disbursements.payeeOf(application.id))) throw GrantsError.payeeMissing();
      const existing = await this.disbursements.ofApplication(application.id);
      const left = existing.some((d) => d.final && LIVE.includes(d.status)) ? 0n : payable(application.awardedAmount, sumOf(existing, LIVE));
      if (input.amount > left) throw GrantsError.exceedsPayable(left);
      const d = await this.disbursements.insert({ applicationId: application.id, programId: application.programId, amount: input.amount, final: input.final ?? false, scheduledBy: actor.userId });
      await this.audit.record(actor, { action: 'grantDisbursement.schedule', entityType: 'GrantDisbursement', entityId: d.id, after: d });
      return d;
    });
  }

  /** The bank paid a transfer of an exported batch. Idempotent: a paid one is returned as it is. */
  async markPaid(actor: Actor, disbursementId: string, paidOn: string): Promise<GrantDisbursement> {
    return this.tx.run(async () => {
      const { program, application, d } = await this.lock(disbursementId);
      if (d.status === DisbursementStatus.PAID) return d;
      if (d.status !== DisbursementStatus.IN_BATCH) throw GrantsError.disbursementNotInFlight(d.status);
      await this.requireExported(d);

      const posted = await this.ledger.paid(program, application, d, paidOn);
      Object.assign(d, { status: DisbursementStatus.PAID, paidOn, paymentEntryId: posted.entryId });
      const saved = await this.disbursements.save(d);
      await this.audit.record(actor, { action: 'grantDisbursement.paid', entityType: 'GrantDisbursement', entityId: d.id, after: { status: d.status, paidOn, entryId: posted.entryId } });

      const comment = `paid ${d.amount} on ${paidOn}`;
      const changes: Partial<GrantApplication> = { firstPaidAt: application.firstPaidAt ?? this.clock.now() };
      if (application.status === GrantApplicationStatus.APPROVED) await this.moves.apply(actor, application, GrantAction.DISBURSE, comment, changes);
      else {
        Object.assign(application, changes);
        await this.applications.save(application);
        await this.moves.record(actor, GrantAction.DISBURSE, null, application, comment);
      }
      if (d.final) await this.releaseUnpaid(program, application, paidOn);
      return saved;
    });
  }

  /** The bank returned a transfer: a paid one is taken back in the books; either way it is queued again. */
  async markReturned(actor: Actor, disbursementId: string, reason: string, returnedOn: string): Promise<{ returned: GrantDisbursement; requeued: GrantDisbursement }> {
    return this.tx.run(async () => {
      const { program, application, d } = await this.lock(disbursementId);
      if (d.status !== DisbursementStatus.IN_BATCH && d.status !== DisbursementStatus.PAID) throw GrantsError.disbursementNotInFlight(d.status);
      await this.requireExported(d);
      if (d.status === DisbursementStatus.PAID) await this.ledger.returned(program, application, d, returnedOn);
      const requeued = await this.disbursements.insert({ applicationId: d.applicationId, programId: d.programId, amount: d.amount, final: d.final, scheduledBy: actor.userId });
      Object.assign(d, { status: DisbursementStatus.RETURNED, returnReason: reason, replacedBy: requeued.id });
      const returned = await this.disbursements.save(d);
      await this.audit.record(actor, { action: 'grantDisbursement.returned', entityType: 'GrantDisbursement', entityId: d.id, after: { status: d.status, reason, requeuedAs: requeued.id } });
      return { returned, requeued };
    });
  }

  /**
   * Cuts the award to what was paid and releases the rest in the books (Dr grants payable /
   * Cr grant expense). Caller holds the program and application locks.
   */
  async releaseUnpaid(program: GrantProgram, application: GrantApplication, on: string): Promise<bigint> {
    const list = await this.disbursements.ofApplication(application.id);
    const inFlight = sumOf(list, [DisbursementStatus.SCHEDULED, DisbursementStatus.IN_BATCH]);
    const keep = sumOf(list, [DisbursementStatus.PAID]) + inFlight;
    const released = application.awardedAmount - keep;
    if (released <= 0n) return 0n;
    application.awardedAmount = keep;
    await this.applications.save(application);
    await this.ledger.released(program, application, released, on);
    return released;
  }

  /** Program, application, then disbursement: the locks in the order every grant use case takes them. */
  private async lock(disbursementId: string): Promise<{ program: GrantProgram; application: GrantApplication; d: GrantDisbursement }> {
    const peek = await this.disbursements.findById(disbursementId);
    if (!peek) throw GrantsError.disbursementNotFound(disbursementId);
    const program = (await this.programs.lockById(peek.programId))!;
    const application = (await this.applications.lockById(peek.applicationId))!;
    const d = (await this.disbursements.lockById(disbursementId))!;
    return { program, application, d };
  }

  private async requireExported(d: GrantDisbursement): Promise<void> {
    const batch = await this.disbursements.findBatch(d.batchId!);
    if (batch?.status !== GrantBatchStatus.EXPORTED) throw GrantsError.batchNotExported();
  }

  ofApplications(ids: string[]): Promise<GrantDisbursement[]> {
    return this.disbursements.ofApplications(ids);
  }
}
