import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import type { Actor } from '#auth';
import { StripePayouts, type StripePayoutWithTransactions } from '#payments';
import { lockWritableLine } from '../line-access.js';
import { LinePosting } from '../line-posting.service.js';
import { ReconciliationError } from '../reconciliation.errors.js';
import { LineStatus, type StatementLine, type StoredSuggestion } from '../statement-line.entity.js';
import { StatementLineRepository } from '../statement-line.repository.js';
import { fromPaymentCompany, summarizePayout, type PayoutSummary } from './payout-summary.js';

/** Banks credit a payout on Stripe's arrival date, or a business day or two around it. */
const ARRIVAL_WINDOW_DAYS = 3;

export interface PayoutView {
  payout: StripePayoutWithTransactions;
  summary: PayoutSummary;
  /** The bank line it was matched to, once it was. */
  lineId: string | null;
}

const yen = (n: bigint) => `¥${n.toLocaleString('en-US')}`;
const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Stripe payouts on the bank statement: a line from the payment company (ｽﾄﾗｲﾌﾟｼﾞﾔﾊﾟﾝ(ｶ) is matched
 * to the payout of that amount arriving around that day, confirmed as Dr bank / Cr Stripe clearing.
 * A payout that does not equal its payments minus fees and refunds is flagged and never confirmed
 * without a person.
 */
@Injectable()
export class PayoutMatching {
  constructor(
    private readonly tx: TransactionService,
    private readonly payouts: StripePayouts,
    private readonly repository: StatementLineRepository,
    private readonly posting: LinePosting,
  ) {}

  /** Payouts arriving in the range with their payments, fees and refunds, flagged when they do not add up. */
  async list(range: { from?: string | null; to?: string | null }): Promise<PayoutView[]> {
    const payouts = await this.payouts.list(range);
    return Promise.all(payouts.map(async (p) => ({ payout: p, summary: summarizePayout(p.amount, p.transactions), lineId: (await this.repository.lineOfPayout(p.id))?.id ?? null })));
  }

  /** For an incoming line from the payment company: the payouts it may be, best first; null for any other line. */
  async judge(line: StatementLine): Promise<{ status: LineStatus; suggestions: StoredSuggestion[]; auto: boolean } | null> {
    if (line.direction !== 'IN' || line.kind !== 'NORMAL' || !fromPaymentCompany(line.payerName)) return null;
    const candidates = [];
    for (const p of await this.payouts.list({ from: shift(line.bookedOn, -ARRIVAL_WINDOW_DAYS), to: shift(line.bookedOn, ARRIVAL_WINDOW_DAYS) })) {
      if (p.amount !== line.amount || p.currency !== 'JPY' || p.status !== 'paid') continue;
      const taken = await this.repository.lineOfPayout(p.id);
      if (!taken || taken.id === line.id) candidates.push(p);
    }
    const suggestions = candidates
      .map((p) => suggestion(p, line, candidates.length))
      .sort((a, b) => b.score - a.score);
    const auto = suggestions.length === 1 && suggestions[0].score >= 95;
    return { status: suggestions.length ? LineStatus.SUGGESTED : LineStatus.UNMATCHED, suggestions, auto };
  }

  /** The treasurer (or the import) confirms the line as the payout: checked, then posted. */
  async confirm(actor: Actor, lineId: string, payoutId: string, options: { auto?: boolean } = {}): Promise<StatementLine> {
    return this.tx.run(async () => {
      const { line } = await lockWritableLine(this.repository, actor, lineId);
      const [payout] = (await this.payouts.list({ from: shift(line.bookedOn, -31), to: shift(line.bookedOn, 31) })).filter((p) => p.id === payoutId);
      if (!payout) throw ReconciliationError.payoutNotFound(payoutId);
      if (payout.amount !== line.amount) throw ReconciliationError.payoutAmount(payout.amount, line.amount);
      return this.posting.confirmPayout(actor, line.id, payoutId, options);
    });
  }
}

function suggestion(p: StripePayoutWithTransactions, line: StatementLine, candidates: number): StoredSuggestion {
  const s = summarizePayout(p.amount, p.transactions);
  const sameDay = p.arrivalDate === line.bookedOn;
  const reasons = [
    { ja: `振込依頼人が決済代行会社 (Stripe)`, en: 'payer is the payment company (Stripe)' },
    { ja: `金額が Stripe の入金 ${p.id} (${p.arrivalDate} 着) と一致`, en: `amount equals Stripe payout ${p.id} (arriving ${p.arrivalDate})` },
    { ja: `決済 ${yen(s.payments)} − 手数料 ${yen(s.fees)} − 返金 ${yen(s.refunds)}`, en: `payments ${yen(s.payments)} − fees ${yen(s.fees)} − refunds ${yen(s.refunds)}` },
  ];
  if (!s.agrees) reasons.push({ ja: `要確認: 入金額が決済 − 手数料 − 返金と ${yen(s.discrepancy)} 違います`, en: `check: the payout differs from payments − fees − refunds by ${yen(s.discrepancy)}` });
  const score = Math.max(0, 100 - (sameDay ? 0 : 10) - (candidates > 1 ? 20 : 0) - (s.agrees ? 0 : 30));
  return { kind: 'PAYOUT', allocations: [], excess: '0', short: '0', category: null, payoutId: p.id, score, exact: s.agrees, reasons };
}
