import { Injectable } from '@nestjs/common';
import { AppError, Clock, TransactionService } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { GrantBatchService, GrantBatchStatus, type GrantBatch } from '#grants';
import { lockWritableLine } from '../line-access.js';
import { ReconciliationError } from '../reconciliation.errors.js';
import { LineStatus, type StatementLine, type StoredSuggestion } from '../statement-line.entity.js';
import { StatementLineRepository } from '../statement-line.repository.js';

/** How far from the line a grant officer's own pick of a batch may be (a debit can come a day or two late). */
const PICK_WINDOW_DAYS = 31;

const days = (a: string, b: string) => Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
const yen = (n: bigint) => `¥${n.toLocaleString('en-US')}`;

/**
 * Outgoing lines of the foundation's account that are the bank's debit of a grant payment batch:
 * 総合振込 is debited as one sum, the batch's total, on its transfer date (grants' `candidatesForDebit`).
 * Confirming marks the batch paid through grants' `markPaid` (each payment posted there, Dr 2300 /
 * Cr 1200, once: a payment already paid is left as it is), so reconciliation posts nothing itself;
 * the line is linked to the batch, one line per batch. Grants cannot un-pay, so unconfirming is refused.
 */
@Injectable()
export class GrantBatchMatching {
  constructor(
    private readonly tx: TransactionService,
    private readonly batches: GrantBatchService,
    private readonly repository: StatementLineRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** For an outgoing line of the foundation's account: the batches it may be, best first; null when it is none. */
  async judge(line: StatementLine): Promise<{ status: LineStatus; suggestions: StoredSuggestion[]; auto: boolean } | null> {
    if (line.direction !== 'OUT' || line.kind !== 'NORMAL') return null;
    const candidates: GrantBatch[] = [];
    // Exported batches of that total on the line's day, paid by hand already or not (their debit comes all the same).
    const unpaid = new Set((await this.batches.candidatesForDebit(line.bookedOn, line.amount)).map((b) => b.id));
    for (const b of await this.batches.exportedForDebit(line.bookedOn, line.amount)) {
      const taken = await this.repository.lineOfGrantBatch(b.id);
      if (!taken || taken.id === line.id) candidates.push(b);
    }
    if (candidates.length === 0) return null;
    const suggestions = candidates.map((b) => suggestion(b, candidates.length, !unpaid.has(b.id)));
    return { status: LineStatus.SUGGESTED, suggestions, auto: suggestions.length === 1 };
  }

  async confirm(actor: Actor, lineId: string, grantBatchId: string, options: { auto?: boolean } = {}): Promise<StatementLine> {
    return this.tx.run(async () => {
      const { line, account } = await lockWritableLine(this.repository, actor, lineId);
      if (line.status === LineStatus.CONFIRMED || line.status === LineStatus.NOT_DUES) throw ReconciliationError.lineSettled(line.status);
      if (account.holder !== 'FOUNDATION' || line.direction !== 'OUT') throw ReconciliationError.notFoundationAccount();
      const batch = await this.batch(grantBatchId);
      if (!batch || batch.status !== GrantBatchStatus.EXPORTED || days(batch.transferDate, line.bookedOn) > PICK_WINDOW_DAYS) throw ReconciliationError.grantBatchNotFound(grantBatchId);
      if (batch.totalAmount !== line.amount) throw ReconciliationError.grantBatchAmount(batch.totalAmount, line.amount);
      const taken = await this.repository.lineOfGrantBatch(grantBatchId);
      if (taken && taken.id !== line.id) throw ReconciliationError.grantBatchTaken(grantBatchId);
      // Paid on the bank's day; grants skip the payments already paid (posted once) and returned ones.
      const paid = await this.batches.markPaid(actor, grantBatchId, line.bookedOn);
      Object.assign(line, { status: LineStatus.CONFIRMED, grantBatchId, confirmations: line.confirmations + 1, autoConfirmed: options.auto ?? false, confirmedBy: actor.userId, confirmedAt: this.clock.now() });
      await this.repository.save(line);
      await this.audit.record(actor, { action: options.auto ? 'statementLine.autoLinkGrantBatch' : 'statementLine.linkGrantBatch', entityType: 'statement_line', entityId: line.id, after: { grantBatchId, disbursements: paid.map((d) => d.id) } });
      return line;
    });
  }

  private async batch(id: string): Promise<GrantBatch | null> {
    try {
      return (await this.batches.get(id)).batch;
    } catch (e) {
      if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
      throw e;
    }
  }
}

function suggestion(b: GrantBatch, candidates: number, paidAlready: boolean): StoredSuggestion {
  const reasons = [
    {
      ja: `金額が助成金の総合振込 ${yen(b.totalAmount)} (${b.recordCount} 件、振込日 ${b.transferDate}) と一致`,
      en: `amount equals the grant payment batch of ${yen(b.totalAmount)} (${b.recordCount} transfers, transfer date ${b.transferDate})`,
    },
    paidAlready
      ? { ja: '助成側で支払済みに記帳済み: 消し込むだけで仕訳は増えません', en: 'already marked paid in grants: confirming links it, nothing is posted again' }
      : { ja: '消し込むと各支払が助成側で支払済みとして記帳されます', en: 'confirming marks its payments paid in grants (posted there once)' },
  ];
  if (candidates > 1) reasons.push({ ja: `同じ金額・振込日の振込が ${candidates} 件あります`, en: `${candidates} batches of this total and date` });
  return { kind: 'GRANT_BATCH', allocations: [], excess: '0', short: '0', category: null, grantBatchId: b.id, score: candidates > 1 ? 80 : 100, exact: true, reasons };
}
