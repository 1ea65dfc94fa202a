import { describe, expect, it } from '@jest/globals';
import { disputeHoldLines, normalizeEmail, onlineDonationLines, recordedDonationLines, refundLines, refundedStatus } from './donation-postings.js';

const sum = (lines: { side: string; amount: bigint }[], side: string) => lines.filter((l) => l.side === side).reduce((s, l) => s + l.amount, 0n);

describe('donation postings', () => {
  const restricted = { code: 'KODOMO-SHOKUDO', restricted: true };
  const general = { code: 'GENERAL', restricted: false };

  it('an online gift: net in Stripe clearing, the fee an expense, the gross to the fund’s income, balanced', () => {
    const lines = onlineDonationLines(restricted, 10_000n, 360n);
    expect(lines).toEqual([
      { accountCode: '1300', side: 'DEBIT', amount: 9640n },
      { accountCode: '5200', side: 'DEBIT', amount: 360n },
      { accountCode: '4300', side: 'CREDIT', amount: 10_000n, fundCode: 'KODOMO-SHOKUDO' },
    ]);
    expect(sum(lines, 'DEBIT')).toBe(sum(lines, 'CREDIT'));
  });

  it('an unrestricted fund goes to general donation income; no fee line without a fee', () => {
    expect(onlineDonationLines(general, 5000n, 0n)).toEqual([
      { accountCode: '1300', side: 'DEBIT', amount: 5000n },
      { accountCode: '4200', side: 'CREDIT', amount: 5000n, fundCode: 'GENERAL' },
    ]);
  });

  it('refuses a fee of the whole amount or a negative one', () => {
    expect(() => onlineDonationLines(general, 100n, 100n)).toThrow();
    expect(() => onlineDonationLines(general, 100n, -1n)).toThrow();
  });

  it('cash and transfers debit cash or bank', () => {
    expect(recordedDonationLines(general, 3000n, 'CASH')[0].accountCode).toBe('1100');
    expect(recordedDonationLines(restricted, 3000n, 'BANK_TRANSFER')[0].accountCode).toBe('1200');
  });

  it('a refund reverses the refunded part only, from the same income account', () => {
    expect(refundLines(restricted, 4000n)).toEqual([
      { accountCode: '4300', side: 'DEBIT', amount: 4000n, fundCode: 'KODOMO-SHOKUDO' },
      { accountCode: '1300', side: 'CREDIT', amount: 4000n },
    ]);
  });

  it('status after refunds', () => {
    expect(refundedStatus(10_000n, 0n)).toBe('SUCCEEDED');
    expect(refundedStatus(10_000n, 4000n)).toBe('PARTIALLY_REFUNDED');
    expect(refundedStatus(10_000n, 10_000n)).toBe('REFUNDED');
  });

  it('a dispute holds the amount in 1350 and gives it back if won; lost, the income is reversed from 1350', () => {
    expect(disputeHoldLines(10_000n, 'open')).toEqual([
      { accountCode: '1350', side: 'DEBIT', amount: 10_000n },
      { accountCode: '1300', side: 'CREDIT', amount: 10_000n },
    ]);
    expect(disputeHoldLines(10_000n, 'won')).toEqual([
      { accountCode: '1300', side: 'DEBIT', amount: 10_000n },
      { accountCode: '1350', side: 'CREDIT', amount: 10_000n },
    ]);
    expect(refundLines(restricted, 10_000n, '1350')).toEqual([
      { accountCode: '4300', side: 'DEBIT', amount: 10_000n, fundCode: 'KODOMO-SHOKUDO' },
      { accountCode: '1350', side: 'CREDIT', amount: 10_000n },
    ]);
  });

  it('guest e-mails are normalised', () => {
    expect(normalizeEmail('  Hanako.Sato@Example.JP ')).toBe('hanako.sato@example.jp');
  });
});
