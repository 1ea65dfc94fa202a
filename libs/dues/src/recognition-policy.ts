/**
 * When dues revenue is recognised (受取会費の計上基準). Pure.
 * - ON_RECEIPT (default; NPO法人会計基準): an invoice is a claim, not a receivable; the ledger
 *   moves when money arrives (Cr 会費収入 / Cr 他会計未払金 at payment).
 * - ACCRUAL: the invoices are the sub-ledger of 未収会費 (1400): issuing accrues, paying clears it.
 */
export enum RecognitionPolicy {
  ON_RECEIPT = 'ON_RECEIPT',
  ACCRUAL = 'ACCRUAL',
}

export const DEFAULT_RECOGNITION_POLICY = RecognitionPolicy.ON_RECEIPT;

/**
 * The basis as a report states it for an accountant (計上基準 / Basis): one column of every dues and
 * settlement CSV, per row, so that a file mixing books on both bases says which row is on which.
 */
export const BASIS_LABELS: Record<RecognitionPolicy, { ja: string; en: string }> = {
  [RecognitionPolicy.ON_RECEIPT]: { ja: '現金主義（受領時）', en: 'on receipt' },
  [RecognitionPolicy.ACCRUAL]: { ja: '発生主義', en: 'accrual' },
};

/** `現金主義（受領時） / on receipt`, `発生主義 / accrual`. */
export function basisCsvLabel(policy: RecognitionPolicy): string {
  return `${BASIS_LABELS[policy].ja} / ${BASIS_LABELS[policy].en}`;
}

/** The header of that column. */
export const BASIS_COLUMN = { ja: '計上基準', en: 'Basis' } as const;

/** The resolved policy of a book: its override if it has one, else the federation's setting. */
export function effectivePolicy(federation: RecognitionPolicy | null, bookOverride: RecognitionPolicy | null): RecognitionPolicy {
  return bookOverride ?? federation ?? DEFAULT_RECOGNITION_POLICY;
}

/**
 * The federation's part of money applied to an ON_RECEIPT invoice: cumulative, so that the parts of
 * all payments that pay the invoice in full add up to its federation share exactly (the fraction
 * of a yen stays with the branch until the last payment, as allocation.ts rounds).
 * `paidBefore` + `applied` ≤ `amount`.
 */
export function federationPartOfReceipt(invoice: { amount: bigint; federationShare: bigint }, paidBefore: bigint, applied: bigint): bigint {
  if (invoice.amount <= 0n) return 0n;
  const cumulative = (paid: bigint) => (paid * invoice.federationShare) / invoice.amount;
  return cumulative(paidBefore + applied) - cumulative(paidBefore);
}

/** The dues' consumption-tax notice (不課税, 消費税法基本通達 5-5-3): its one wording is in core, beside the e-mails' use of it. */
export { DUES_TAX_NOTE } from '#core';
