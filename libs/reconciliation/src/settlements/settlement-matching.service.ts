import { Injectable } from '@nestjs/common';
import { Clock, TransactionService } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { SettlementDirection, SettlementStatements, type Settlement } from '#payments';
import type { BankAccount } from '../bank-account.entity.js';
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
 * Lines that are settlement transfers (精算の振込). On a branch's account: an outgoing line, the
 * branch's transfer to the federation. On the federation's account: its side — an incoming line from
 * any branch (BRANCH_TO_FEDERATION) or an outgoing one to a branch (FEDERATION_TO_BRANCH). The
 * settlement posted the bank in both books when it was recorded, so confirming posts nothing: the
 * line is linked to it (cleared), one line per settlement and side, and unconfirming unlinks it.
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

  /** The settlements the line may be, best first; null when it is none (or the account settles nothing). */
  async judge(line: StatementLine, account: BankAccount): Promise<{ status: LineStatus; suggestions: StoredSuggestion[]; auto: boolean } | null> {
    if (line.kind !== 'NORMAL' || account.holder === 'FOUNDATION') return null;
    if (account.holder === 'BRANCH' && line.direction !== 'OUT') return null;
    const candidates: Settlement[] = [];
    for (const s of await this.settlementsOf(account, line, WINDOW_DAYS)) {
      if (s.amount !== line.amount) continue;
      const taken = await this.lineOf(account, s.id);
      if (!taken || taken.id === line.id) candidates.push(s);
    }
    if (candidates.length === 0) return null;
    const suggestions = candidates.map((s) => suggestion(s, line, candidates.length, account.holder === 'FEDERATION')).sort((a, b) => b.score - a.score);
    return { status: LineStatus.SUGGESTED, suggestions, auto: suggestions.length === 1 && suggestions[0].score >= 90 };
  }

  async confirm(actor: Actor, lineId: string, settlementId: string, options: { auto?: boolean } = {}): Promise<StatementLine> {
    return this.tx.run(async () => {
      const { line, account } = await lockWritableLine(this.repository, actor, lineId);
      if (line.status === LineStatus.CONFIRMED || line.status === LineStatus.NOT_DUES) throw ReconciliationError.lineSettled(line.status);
      if (account.holder === 'BRANCH' && line.direction !== 'OUT') throw ReconciliationError.notOutgoing();
      const settlement = account.holder === 'FOUNDATION' ? undefined : (await this.settlementsOf(account, line, PICK_WINDOW_DAYS)).find((s) => s.id === settlementId);
      if (!settlement) throw ReconciliationError.settlementNotFound(settlementId);
      if (settlement.amount !== line.amount) throw ReconciliationError.settlementAmount(settlement.amount, line.amount);
      const taken = await this.lineOf(account, settlementId);
      if (taken && taken.id !== line.id) throw ReconciliationError.settlementTaken(settlementId);
      const link = account.holder === 'FEDERATION' ? { federationSettlementId: settlementId } : { settlementId };
      Object.assign(line, { status: LineStatus.CONFIRMED, ...link, confirmations: line.confirmations + 1, autoConfirmed: options.auto ?? false, confirmedBy: actor.userId, confirmedAt: this.clock.now() });
      await this.repository.save(line);
      await this.audit.record(actor, { action: options.auto ? 'statementLine.autoLinkSettlement' : 'statementLine.linkSettlement', entityType: 'statement_line', entityId: line.id, after: link });
      return line;
    });
  }

  private lineOf(account: BankAccount, settlementId: string): Promise<StatementLine | null> {
    return account.holder === 'FEDERATION' ? this.repository.lineOfFederationSettlement(settlementId) : this.repository.lineOfSettlement(settlementId);
  }

  /** A branch's transfers to the federation; on the federation's account every branch's, in the line's direction. */
  private async settlementsOf(account: BankAccount, line: StatementLine, window: number): Promise<Settlement[]> {
    const [from, to] = [shift(line.bookedOn, -window), shift(line.bookedOn, window)];
    if (account.holder === 'BRANCH') {
      const all = await this.settlements.settledBetween(account.branchId!, from, to);
      return all.filter((s) => s.direction === SettlementDirection.BRANCH_TO_FEDERATION && s.currency.trim() === 'JPY' && s.branchEntryId);
    }
    const direction = line.direction === 'IN' ? SettlementDirection.BRANCH_TO_FEDERATION : SettlementDirection.FEDERATION_TO_BRANCH;
    const all = await this.settlements.settledBetweenAnyBranch(from, to);
    return all.filter((s) => s.direction === direction && s.currency.trim() === 'JPY' && s.federationEntryId);
  }
}

function suggestion(s: Settlement, line: StatementLine, candidates: number, federationSide: boolean): StoredSuggestion {
  const sameDay = s.settledOn === line.bookedOn;
  const what = `${yen(s.amount)} (${s.settledOn}${s.reference ? `, ${s.reference}` : ''})`;
  const whatJa = `${yen(s.amount)} (${s.settledOn}${s.reference ? `、${s.reference}` : ''})`;
  const reasons = [
    !federationSide
      ? { ja: `金額が連合会への精算 ${whatJa} と一致`, en: `amount equals the settlement to the federation of ${what}` }
      : s.direction === SettlementDirection.BRANCH_TO_FEDERATION
        ? { ja: `金額が支部からの精算 ${whatJa} と一致`, en: `amount equals a branch's settlement to the federation of ${what}` }
        : { ja: `金額が支部への精算 ${whatJa} と一致`, en: `amount equals the federation's settlement to a branch of ${what}` },
    { ja: '精算で記帳済み: 消し込むだけで仕訳は増えません', en: 'already posted by the settlement: confirming clears it, nothing is posted again' },
  ];
  if (candidates > 1) reasons.push({ ja: `同じ金額の精算が ${candidates} 件あります`, en: `${candidates} settlements of this amount` });
  const score = Math.max(0, 100 - (sameDay ? 0 : 10) - (candidates > 1 ? 20 : 0));
  return { kind: 'SETTLEMENT', allocations: [], excess: '0', short: '0', category: null, settlementId: s.id, score, exact: true, reasons };
}
