import { describe, expect, it } from '@jest/globals';
import { ReceiptKind } from './receipt-kind.js';
import { formatReceiptNumber, receiptYear } from './receipt-number.js';
import { needsStampBox } from './stamp-duty.js';

describe('receipt numbering rules', () => {
  it('dues and single gifts are numbered by the fiscal year from 1 April; annual receipts by the calendar year', () => {
    expect(receiptYear(ReceiptKind.DUES, '2026-03-31')).toBe(2025);
    expect(receiptYear(ReceiptKind.DUES, '2026-04-01')).toBe(2026);
    expect(receiptYear(ReceiptKind.DONATION, '2027-01-15')).toBe(2026);
    expect(receiptYear(ReceiptKind.ANNUAL_DONATION, '2026-03-31')).toBe(2026);
  });

  it('formats the kind, year and zero-padded sequence, and refuses a sequence below 1', () => {
    expect(formatReceiptNumber(ReceiptKind.DUES, 2026, 42)).toBe('R2026-000042');
    expect(formatReceiptNumber(ReceiptKind.DONATION, 2026, 1)).toBe('D2026-000001');
    expect(formatReceiptNumber(ReceiptKind.ANNUAL_DONATION, 2025, 123456)).toBe('A2025-123456');
    expect(() => formatReceiptNumber(ReceiptKind.DUES, 2026, 0)).toThrow('starts at 1');
  });
});

describe('the 収入印紙 box', () => {
  const paper = { amount: 50_000n, recipientIsMember: false, medium: 'paper' as const };
  it('an e-mailed PDF never needs a stamp', () => {
    expect(needsStampBox({ ...paper, rule: 'TAXABLE', medium: 'email' })).toBe(false);
  });
  it('below ¥50,000 no receipt needs one', () => {
    expect(needsStampBox({ ...paper, rule: 'TAXABLE', amount: 49_999n })).toBe(false);
  });
  it('a co-operative: only to a non-member; a 公益法人 or NPO法人: never; a taxable issuer: always', () => {
    expect(needsStampBox({ ...paper, rule: 'MEMBERS_ONLY' })).toBe(true);
    expect(needsStampBox({ ...paper, rule: 'MEMBERS_ONLY', recipientIsMember: true })).toBe(false);
    expect(needsStampBox({ ...paper, rule: 'NONE' })).toBe(false);
    expect(needsStampBox({ ...paper, rule: 'TAXABLE', recipientIsMember: true })).toBe(true);
  });
});
