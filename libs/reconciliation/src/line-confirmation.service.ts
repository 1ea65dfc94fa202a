import { Injectable } from '@nestjs/common';
import { Clock, Money, TransactionService } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { ExpectedPayments, PaymentMethod, PaymentRecording, PaymentVoiding } from '#payments';
import { ReconciliationError } from './reconciliation.errors.js';
import { LineStatus, type StatementLine } from './statement-line.entity.js';
import { StatementLineRepository } from './statement-line.repository.js';
import { lockWritableLine } from './line-access.js';
import { LinePosting } from './line-posting.service.js';

export interface ConfirmLineCommand {
  lineId: string;
  /** The treasurer's split; the best suggestion when absent. */
  allocations?: { invoiceId: string; amount: bigint }[] | null;
}

/**
 * Confirms a line: one payment per member it pays, through PaymentRecording (the one path for
 * money in), with an idempotency key per line, confirmation and member — in one transaction with
 * the line's status, so a line is never half confirmed. Unconfirming voids those payments.
 */
@Injectable()
export class LineConfirmation {
  constructor(
    private readonly tx: TransactionService,
    private readonly repository: StatementLineRepository,
    private readonly recording: PaymentRecording,
    private readonly voiding: PaymentVoiding,
    private readonly expected: ExpectedPayments,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly posting: LinePosting,
  ) {}

  async confirm(actor: Actor, command: ConfirmLineCommand, options: { auto?: boolean } = {}): Promise<StatementLine> {
    return this.tx.run(async () => {
      const { line } = await lockWritableLine(this.repository, actor, command.lineId);
      if (line.status === LineStatus.CONFIRMED || line.status === LineStatus.NOT_DUES) throw ReconciliationError.lineSettled(line.status);
      if (line.direction !== 'IN') throw ReconciliationError.notIncoming();
      const best = line.suggestions[0];
      if (!command.allocations?.length && best?.kind === 'PAYOUT' && best.payoutId) return this.posting.confirmPayout(actor, line.id, best.payoutId, options);
      const split = await this.split(line, command);
      const version = line.confirmations + 1;
      const paymentIds: string[] = [];
      for (const [k, [memberId, allocations]] of [...split.byMember.entries()].entries()) {
        const share = allocations.reduce((s, a) => s + a.amount, 0n) + (k === 0 ? split.excess : 0n);
        const { payment } = await this.recording.record(actor, {
          memberId,
          method: PaymentMethod.BANK_STATEMENT,
          amount: Money.of(share, 'JPY'),
          receivedOn: line.bookedOn,
          reference: `bank-line:${line.id}:${version}:${k + 1}`,
          allocations: allocations.map((a) => ({ invoiceId: a.invoiceId, amount: a.amount })),
          allowCredit: k === 0 && split.excess > 0n,
          memo: line.payerName,
          idempotencyKey: `bank-line:${line.id}:${version}:${memberId}`,
        });
        paymentIds.push(payment.id);
      }
      Object.assign(line, { status: LineStatus.CONFIRMED, paymentIds, confirmations: version, autoConfirmed: options.auto ?? false, confirmedBy: actor.userId, confirmedAt: this.clock.now() });
      await this.repository.save(line);
      await this.audit.record(actor, { action: options.auto ? 'statementLine.autoConfirm' : 'statementLine.confirm', entityType: 'statement_line', entityId: line.id, after: { paymentIds } });
      return line;
    });
  }

  /** Voids the line's payments, or reverses what reconciliation posted for it (a payout, not dues). */
  async unconfirm(actor: Actor, lineId: string, reason: string): Promise<StatementLine> {
    return this.tx.run(async () => {
      const { line } = await lockWritableLine(this.repository, actor, lineId);
      if (line.journalEntryId) return this.posting.undo(actor, line, reason);
      if (line.status !== LineStatus.CONFIRMED) throw ReconciliationError.lineNotConfirmed();
      if (!line.paymentLinked) for (const id of line.paymentIds) await this.voiding.void(actor, id, reason);
      const before = line.paymentIds;
      Object.assign(line, { status: line.suggestions.length ? LineStatus.SUGGESTED : LineStatus.UNMATCHED, paymentIds: [], paymentLinked: false, autoConfirmed: false, confirmedBy: null, confirmedAt: null });
      await this.repository.save(line);
      await this.audit.record(actor, { action: 'statementLine.unconfirm', entityType: 'statement_line', entityId: line.id, before: { paymentIds: before }, after: { reason } });
      return line;
    });
  }

  /** The allocations grouped by member, in order, and what is left over (member credit of the first). */
  private async split(line: StatementLine, command: ConfirmLineCommand) {
    let allocations: { invoiceId: string; memberId: string; amount: bigint }[];
    if (command.allocations?.length) {
      const invoices = new Map((await this.expected.invoices(command.allocations.map((a) => a.invoiceId))).map((i) => [i.invoiceId, i]));
      allocations = command.allocations.map((a, index) => {
        const invoice = invoices.get(a.invoiceId);
        if (!invoice) throw ReconciliationError.unknownInvoice(index);
        return { invoiceId: a.invoiceId, memberId: invoice.memberId, amount: a.amount };
      });
    } else {
      const best = line.suggestions.find((s) => s.kind === 'INVOICES');
      if (!best) throw ReconciliationError.noAllocation();
      allocations = best.allocations.map((a) => ({ invoiceId: a.invoiceId, memberId: a.memberId, amount: BigInt(a.amount) }));
    }
    const total = allocations.reduce((s, a) => s + a.amount, 0n);
    if (total > line.amount || (total < line.amount && command.allocations?.length && new Set(allocations.map((a) => a.memberId)).size > 1)) {
      throw ReconciliationError.allocationTotal(total, line.amount);
    }
    const byMember = new Map<string, { invoiceId: string; amount: bigint }[]>();
    for (const a of allocations) byMember.set(a.memberId, [...(byMember.get(a.memberId) ?? []), { invoiceId: a.invoiceId, amount: a.amount }]);
    return { byMember, excess: line.amount - total };
  }
}
