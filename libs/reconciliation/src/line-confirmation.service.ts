import { Injectable } from '@nestjs/common';
import { AppError, Clock, Money, TransactionService } from '#core';
import { BRANCH_WRITERS, requireBranch, type Actor } from '#auth';
import { AuditLog } from '#audit';
import { ExpectedPayments, MAX_BULK, PaymentMethod, PaymentRecording, PaymentVoiding, type RecordPaymentCommand } from '#payments';
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
      requireConfirmable(line);
      const best = line.suggestions[0];
      if (!command.allocations?.length && best?.kind === 'PAYOUT' && best.payoutId) return this.posting.confirmPayout(actor, line.id, best.payoutId, options);
      const [confirmed] = await this.record(actor, [{ line, split: await this.split(line, command) }], options);
      return confirmed;
    });
  }

  /**
   * Confirms many lines with their best suggestion at once: every payment through one
   * `PaymentRecording.recordMany` per 2,000 (set-based posting), the lines updated in one statement.
   * A line that cannot be confirmed refuses the whole call (`lineIds.<i>`), nothing recorded.
   */
  async confirmMany(actor: Actor, lineIds: readonly string[], options: { auto?: boolean } = {}): Promise<StatementLine[]> {
    if (lineIds.length === 0) return [];
    return this.tx.run(async () => {
      const lines = await this.repository.lockMany(lineIds);
      const byId = new Map(lines.map((l) => [l.id, l]));
      const branches = new Map((await this.repository.bankAccounts([...new Set(lines.map((l) => l.bankAccountId))])).map((a) => [a.id, a.branchId]));
      const items = lineIds.map((id, index) => {
        const line = byId.get(id);
        if (!line) throw ReconciliationError.lineNotFound(id);
        requireBranch(actor, branches.get(line.bankAccountId)!, BRANCH_WRITERS);
        try {
          requireConfirmable(line);
          return { line, split: this.bestSplit(line) };
        } catch (e) {
          throw itemError(e, index);
        }
      });
      const seen = new Set<string>();
      for (const [index, { split }] of items.entries()) {
        const invoices = [...split.byMember.values()].flat().map((a) => a.invoiceId);
        if (invoices.some((id) => seen.has(id))) throw itemError(ReconciliationError.invoiceTwice(), index);
        for (const id of invoices) seen.add(id);
      }
      return this.record(actor, items, options);
    });
  }

  /** One payment per member each line pays, all through recordMany; then the lines and the audit, set-based. */
  private async record(actor: Actor, items: { line: StatementLine; split: Split }[], options: { auto?: boolean }): Promise<StatementLine[]> {
    const commands: RecordPaymentCommand[] = [];
    const spans: [number, number][] = [];
    for (const { line, split } of items) {
      const start = commands.length;
      commands.push(...paymentCommands(line, split, line.confirmations + 1));
      spans.push([start, commands.length]);
    }
    const recorded: string[] = [];
    for (let i = 0; i < commands.length; i += MAX_BULK) recorded.push(...(await this.recording.recordMany(actor, commands.slice(i, i + MAX_BULK))).map((r) => r.payment.id));
    const now = this.clock.now();
    const lines = items.map(({ line }, k) =>
      Object.assign(line, { status: LineStatus.CONFIRMED, paymentIds: recorded.slice(...spans[k]), confirmations: line.confirmations + 1, autoConfirmed: options.auto ?? false, confirmedBy: actor.userId, confirmedAt: now }),
    );
    await this.repository.markConfirmed(lines);
    const action = options.auto ? 'statementLine.autoConfirm' : 'statementLine.confirm';
    await this.audit.recordMany(actor, lines.map((l) => ({ action, entityType: 'statement_line', entityId: l.id, after: { paymentIds: l.paymentIds } })));
    return lines;
  }

  /** Voids the line's payments, or reverses what reconciliation posted for it (a payout, not dues). */
  async unconfirm(actor: Actor, lineId: string, reason: string): Promise<StatementLine> {
    return this.tx.run(async () => {
      const { line } = await lockWritableLine(this.repository, actor, lineId);
      if (line.journalEntryId) return this.posting.undo(actor, line, reason);
      if (line.status !== LineStatus.CONFIRMED) throw ReconciliationError.lineNotConfirmed();
      // Voided on the line's own day (the payment's): its month nets to nothing and a new confirmation
      // lands in the same month; a closed month stays closed (the ledger moves the reversal on).
      if (!line.paymentLinked) for (const id of line.paymentIds) await this.voiding.void(actor, id, reason, { entryDate: line.bookedOn });
      const before = line.paymentIds;
      const settlementId = line.settlementId;
      // A settlement transfer is only unlinked (the settlement's postings stand).
      Object.assign(line, { status: line.suggestions.length ? LineStatus.SUGGESTED : LineStatus.UNMATCHED, paymentIds: [], paymentLinked: false, settlementId: null, autoConfirmed: false, confirmedBy: null, confirmedAt: null });
      await this.repository.save(line);
      await this.audit.record(actor, { action: 'statementLine.unconfirm', entityType: 'statement_line', entityId: line.id, before: { paymentIds: before, settlementId }, after: { reason } });
      return line;
    });
  }

  /** The best suggestion's allocations grouped by member. */
  private bestSplit(line: StatementLine): Split {
    const best = line.suggestions.find((s) => s.kind === 'INVOICES');
    if (!best) throw ReconciliationError.noAllocation();
    return splitOf(line, best.allocations.map((a) => ({ invoiceId: a.invoiceId, memberId: a.memberId, amount: BigInt(a.amount) })), false);
  }

  /** The allocations grouped by member, in order, and what is left over (member credit of the first). */
  private async split(line: StatementLine, command: ConfirmLineCommand): Promise<Split> {
    if (!command.allocations?.length) return this.bestSplit(line);
    const invoices = new Map((await this.expected.invoices(command.allocations.map((a) => a.invoiceId))).map((i) => [i.invoiceId, i]));
    const allocations = command.allocations.map((a, index) => {
      const invoice = invoices.get(a.invoiceId);
      if (!invoice) throw ReconciliationError.unknownInvoice(index);
      return { invoiceId: a.invoiceId, memberId: invoice.memberId, amount: a.amount };
    });
    return splitOf(line, allocations, true);
  }
}

interface Split {
  byMember: Map<string, { invoiceId: string; amount: bigint }[]>;
  excess: bigint;
}

function requireConfirmable(line: StatementLine): void {
  if (line.status === LineStatus.CONFIRMED || line.status === LineStatus.NOT_DUES) throw ReconciliationError.lineSettled(line.status);
  if (line.direction !== 'IN') throw ReconciliationError.notIncoming();
}

/** Never more than the line; a treasurer's split across several members takes the whole line. */
function splitOf(line: StatementLine, allocations: { invoiceId: string; memberId: string; amount: bigint }[], byTreasurer: boolean): Split {
  const total = allocations.reduce((s, a) => s + a.amount, 0n);
  if (total > line.amount || (total < line.amount && byTreasurer && new Set(allocations.map((a) => a.memberId)).size > 1)) {
    throw ReconciliationError.allocationTotal(total, line.amount);
  }
  const byMember = new Map<string, { invoiceId: string; amount: bigint }[]>();
  for (const a of allocations) byMember.set(a.memberId, [...(byMember.get(a.memberId) ?? []), { invoiceId: a.invoiceId, amount: a.amount }]);
  return { byMember, excess: line.amount - total };
}

/** The payments of one confirmation (its version keys them): one per member, the excess as the first one's credit. */
function paymentCommands(line: StatementLine, split: Split, version: number): RecordPaymentCommand[] {
  return [...split.byMember.entries()].map(([memberId, allocations], k) => ({
    memberId,
    method: PaymentMethod.BANK_STATEMENT,
    amount: Money.of(allocations.reduce((s, a) => s + a.amount, 0n) + (k === 0 ? split.excess : 0n), 'JPY'),
    receivedOn: line.bookedOn,
    reference: `bank-line:${line.id}:${version}:${k + 1}`,
    allocations: allocations.map((a) => ({ invoiceId: a.invoiceId, amount: a.amount })),
    allowCredit: k === 0 && split.excess > 0n,
    memo: line.payerName,
    idempotencyKey: `bank-line:${line.id}:${version}:${memberId}`,
  }));
}

/** A refusal of one line of many names it: `lineIds.<i>`. */
function itemError(error: unknown, index: number): unknown {
  if (!(error instanceof AppError)) return error;
  return new AppError(error.code, error.reason, { ja: `${index + 1}件目: ${error.text.ja}`, en: `Line ${index}: ${error.text.en}` }, [{ field: `lineIds.${index}`, messages: [error.text] }]);
}
