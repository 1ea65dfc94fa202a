import { describe, expect, it } from '@jest/globals';
import { takeBackLines, unappliedShare } from './take-back-share.js';

const posted = [
  { accountCode: '1300', side: 'DEBIT' as const, amount: 15000n },
  { accountCode: '1400', side: 'CREDIT' as const, amount: 12000n },
  { accountCode: '2100', side: 'CREDIT' as const, amount: 3000n },
  { accountCode: '5200', side: 'DEBIT' as const, amount: 540n, memo: 'fee' },
  { accountCode: '1300', side: 'CREDIT' as const, amount: 540n, memo: 'fee' },
];
const sum = (lines: { side: string; amount: bigint }[], side: string) => lines.filter((l) => l.side === side).reduce((a, l) => a + l.amount, 0n);

describe('takeBackLines', () => {
  it('a partial refund reverses its share of every line but the fee, balanced', () => {
    const lines = takeBackLines({ lines: posted, paymentAmount: 15000n, before: 0n, amount: 5000n });
    expect(lines.map((l) => [l.accountCode, l.side, l.amount])).toEqual([
      ['1300', 'CREDIT', 5000n],
      ['1400', 'DEBIT', 4000n],
      ['2100', 'DEBIT', 1000n],
    ]);
  });

  it('partial refunds with rounding add up to the whole entry, each balanced', () => {
    let before = 0n;
    const totals = new Map<string, bigint>();
    for (const amount of [3333n, 3333n, 8334n]) {
      const lines = takeBackLines({ lines: posted, paymentAmount: 15000n, before, amount });
      expect(sum(lines, 'DEBIT')).toBe(amount);
      expect(sum(lines, 'CREDIT')).toBe(amount);
      for (const l of lines) totals.set(l.accountCode, (totals.get(l.accountCode) ?? 0n) + l.amount);
      before += amount;
    }
    expect(Object.fromEntries(totals)).toEqual({ '1300': 15000n, '1400': 12000n, '2100': 3000n });
  });

  it('a lost dispute takes the money from the disputes account', () => {
    const lines = takeBackLines({ lines: posted, paymentAmount: 15000n, before: 0n, amount: 15000n, moneyAccount: '1350' });
    expect(lines[0]).toMatchObject({ accountCode: '1350', side: 'CREDIT', amount: 15000n });
  });

  it('refuses more than the payment', () => {
    expect(() => takeBackLines({ lines: posted, paymentAmount: 15000n, before: 10000n, amount: 5001n })).toThrow();
  });

  it('the invoice share is the same cumulative share of what was allocated', () => {
    expect(unappliedShare({ allocatedOriginal: 12000n, paymentAmount: 15000n, before: 0n, amount: 5000n })).toBe(4000n);
    expect(unappliedShare({ allocatedOriginal: 12000n, paymentAmount: 12000n, before: 5000n, amount: 7000n })).toBe(7000n);
  });
});
