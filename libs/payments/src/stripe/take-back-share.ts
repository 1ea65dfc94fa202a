import type { PostingLine } from '#ledger';

/**
 * The share of a payment's own journal entry that a refund (or a lost dispute) takes back. Pure.
 *
 * Generic over whatever the payment posted (receivable, income, member credit, funds…): every line
 * except the fee pair (memo 'fee', Stripe keeps its fee) is put on the other side, scaled by the
 * money taken back. Shares are cumulative, so several partial refunds end exactly at the whole
 * entry: share = floor(line × takenAfter / amount) − floor(line × takenBefore / amount), the
 * rounding put on the largest line of each side so the entry balances. The money lines (the
 * debits: cash, bank, Stripe clearing) go to `moneyAccount` when given (a lost dispute takes the
 * money from the disputes account, where it already sits).
 */
export function takeBackLines(p: { lines: PostingLine[]; paymentAmount: bigint; before: bigint; amount: bigint; moneyAccount?: string }): PostingLine[] {
  if (p.amount <= 0n || p.before + p.amount > p.paymentAmount) throw new Error('take-back outside the payment');
  const after = p.before + p.amount;
  const kept = p.lines.filter((l) => l.memo !== 'fee');
  const share = (value: bigint) => (value * after) / p.paymentAmount - (value * p.before) / p.paymentAmount;
  const out: PostingLine[] = [];
  for (const side of ['DEBIT', 'CREDIT'] as const) {
    const ofSide = kept.filter((l) => l.side === side);
    const shares = ofSide.map((l) => share(l.amount));
    const missing = p.amount - shares.reduce((a, b) => a + b, 0n);
    if (ofSide.length > 0 && missing !== 0n) {
      const largest = ofSide.reduce((best, l, i) => (l.amount > ofSide[best].amount ? i : best), 0);
      shares[largest] += missing;
    }
    ofSide.forEach((l, i) => {
      if (shares[i] === 0n) return;
      out.push({
        ...l,
        accountCode: side === 'DEBIT' && p.moneyAccount ? p.moneyAccount : l.accountCode,
        side: side === 'DEBIT' ? 'CREDIT' : 'DEBIT',
        amount: shares[i],
        memo: l.memo ?? null,
      });
    });
  }
  return out;
}

/** The part of a take-back that comes off invoices: the same cumulative share of what was allocated. */
export function unappliedShare(p: { allocatedOriginal: bigint; paymentAmount: bigint; before: bigint; amount: bigint }): bigint {
  const after = p.before + p.amount;
  return (p.allocatedOriginal * after) / p.paymentAmount - (p.allocatedOriginal * p.before) / p.paymentAmount;
}
