import { ReceiptKind } from './receipt-kind.js';

const PREFIX: Record<ReceiptKind, string> = { [ReceiptKind.DUES]: 'R', [ReceiptKind.DONATION]: 'D', [ReceiptKind.ANNUAL_DONATION]: 'A' };

/**
 * The year a receipt is numbered in: the Japanese fiscal year (from 1 April) of the day the money
 * was received for dues and single gifts; the calendar year covered for an annual donation
 * receipt (January–December, whatever the fiscal year).
 */
export function receiptYear(kind: ReceiptKind, receivedOn: string): number {
  const [year, month] = receivedOn.split('-').map(Number);
  if (kind === ReceiptKind.ANNUAL_DONATION) return year;
  return month >= 4 ? year : year - 1;
}

/** `R2026-000042`: the kind's letter, the year, the sequence (gap-free per book, year and kind). */
export function formatReceiptNumber(kind: ReceiptKind, year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new Error(`A receipt sequence starts at 1 (got ${sequence})`);
  return `${PREFIX[kind]}${year}-${String(sequence).padStart(6, '0')}`;
}
