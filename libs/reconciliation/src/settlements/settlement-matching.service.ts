import { Injectable } from '@nestjs/common';
import { Clock, TransactionService } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { SettlementDirection, SettlementStatements, type Settlement } from '#payments';
import { lockWritableLine } from '../line-access.js';
import { ReconciliationError } from '../reconciliation.errors.js';
import { LineStatus, type StatementLine, type StoredSuggestion } from '../statement-line.entity.js';
import { StatementLineRepository } from '../statement-line.repository.js';

/** A transfer leaves the account on the settlement's day, or a business day or two around it. */
const WINDOW_DAYS = 3;
/** How far from the line a treasurer's own pick of a settlement may be. */
const PICK_WINDOW_DAYS = 31;

const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const yen = (n: bigint) => `¥${n.toLocaleString('en-US')}`;

/**
 * Outgoing lines that are the branch's settlement transfers to the federation (精算の振込): a debit
 * of the settlement's amount around its day. The settlement posted the bank in both books when it was
 * recorded, so confirming posts nothing: the line is linked to it (cleared), one line per settlement,
 * and unconfirming unlinks it.
 */
@Injectable()
export class SettlementMatching {
  constructor(
    private readonly tx: TransactionService,
    private readonly settlements: SettlementStatements,
    private readonly repository: StatementLineRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** For an outgoing line: the settlements it may be, best first; null when it is none. */
  async judge(line: StatementLine, branchId: string): Promise<{ status: LineStatus; suggestions: StoredSuggestion[]; auto: boolean } | null> {
    if (line.direction !== 'OUT' || line.kind !== 'NORMAL') return null;
    const candidates: Settlement[] = [];
    for (const s of await this.toFederation(branchId, line.bookedOn, WINDOW_DAYS)) {
      if (s.amount !== line.amount) continue;
      const taken = await this.repository.lineOfSettlement(s.id);
      if (!taken || taken.id === line.id) candidates.push(s);
    }
    if (candidates.length === 0) return null;
    const suggestions = candidates.map((s) => suggestion(s, line, candidates.length)).sort((a, b) => b.score - a.score);
    return { status: LineStatus.SUGGESTED, suggestions, auto: suggestions.length === 1 && suggestions[0].score >= 90 };
  }

  async confirm(actor: Actor, lineId: string, settlementId: string, options: { auto?: boolean } = {}): Promise<StatementLine> {
    return this.tx.run(async () => {
      const { line } = await lockWritableLine(this.repository, actor, lineId);
      if (line.status === LineStatus.CONFIRMED || line.status === LineStatus.NOT_DUES) throw ReconciliationError.lineSettled(line.status);
      if (line.direction !== 'OUT') throw ReconciliationError.notOutgoing();
      const account = (await this.repository.bankAccount(line.bankAccountId))!;
      const settlement = (await this.toFederation(account.branchId, line.bookedOn, PICK_WINDOW_DAYS)).find((s) => s.id === settlementId);
      if (!settlement) throw ReconciliationError.settlementNotFound(settlementId);
      if (settlement.amount !== line.amount) throw ReconciliationError.settlementAmount(settlement.amount, line.amount);
      const taken = await this.repository.lineOfSettlement(settlementId);
      if (taken && taken.id !== line.id) throw ReconciliationError.settlementTaken(settlementId);
      Object.assign(line, { status: LineStatus.CONFIRMED, settlementId, confirmations: line.confirmations + 1, autoConfirmed: options.auto ?? false, confirmedBy: actor.userId, confirmedAt: this.clock.now() });
      await this.repository.save(line);
      await this.audit.record(actor, { action: options.auto ? 'statementLine.autoLinkSettlement' : 'statementLine.linkSettlement', entityType: 'statement_line', entityId: line.id, after: { settlementId } });
      return line;
    });
  }

  private async toFederation(branchId: string, day: string, window: number): Promise<Settlement[]> {
    const all = await this.settlements.settledBetween(branchId, shift(day, -window), shift(day, window));
    return all.filter((s) => s.direction === SettlementDirection.BRANCH_TO_FEDERATION && s.currency.trim() === 'JPY' && s.branchEntryId);
  }
}

function suggestion(s: Settlement, line: StatementLine, candidates: number): StoredSuggestion {
  const sameDay = s.settledOn === line.bookedOn;
  const reasons = [
    { ja: `金額が連合会への精算 ${yen(s.amount)} (${s.settledOn}${s.reference ? `、${s.reference}` : ''}) と一致`, en: `amount equals the settlement to the federation of ${yen(s.amount)} (${s.settledOn}${s.reference ? `, ${s.reference}` : ''})` },
    { ja: '精算で記帳済み: 消し込むだけで仕訳は増えません', en: 'already posted by the settlement: confirming clears it, nothing is posted again' },
  ];
  if (candidates > 1) reasons.push({ ja: `同じ金額の精算が ${candidates} 件あります`, en: `${candidates} settlements of this amount` });
  const score = Math.max(0, 100 - (sameDay ? 0 : 10) - (candidates > 1 ? 20 : 0));
  return { kind: 'SETTLEMENT', allocations: [], excess: '0', short: '0', category: null, settlementId: s.id, score, exact: true, reasons };
}
