import { nameKey } from '../matching/payer-name.js';

/** A balance transaction of a payout, as payments stores it. */
export interface PayoutTransaction {
  type: string;
  amount: bigint;
  fee: bigint;
  net: bigint;
  paymentId: string | null;
}

export interface PayoutSummary {
  /** Charges (gross). */
  payments: bigint;
  /** Stripe's fees on them. */
  fees: bigint;
  /** Refunds paid back (positive). */
  refunds: bigint;
  /** Everything else (dispute withdrawals and reinstatements, adjustments), net. */
  adjustments: bigint;
  /** payments − fees − refunds. */
  expected: bigint;
  /** The payout minus what it should be: anything but zero is flagged for the treasurer. */
  discrepancy: bigint;
  agrees: boolean;
}

const CHARGES = new Set(['charge', 'payment']);
const REFUNDS = new Set(['refund', 'payment_refund']);

/** A payout against its balance transactions: does it equal its payments minus fees and refunds? */
export function summarizePayout(amount: bigint, transactions: PayoutTransaction[]): PayoutSummary {
  let payments = 0n;
  let fees = 0n;
  let refunds = 0n;
  let adjustments = 0n;
  for (const t of transactions) {
    fees += t.fee;
    if (CHARGES.has(t.type)) payments += t.amount;
    else if (REFUNDS.has(t.type)) refunds += -t.amount;
    else adjustments += t.amount;
  }
  const expected = payments - fees - refunds;
  return { payments, fees, refunds, adjustments, expected, discrepancy: amount - expected, agrees: amount === expected };
}

/** Payment companies' names as they appear as the payer of a payout (ｽﾄﾗｲﾌﾟｼﾞﾔﾊﾟﾝ(ｶ, STRIPE). */
const PAYMENT_COMPANIES = ['ｽﾄﾗｲﾌﾟｼﾞﾔﾊﾟﾝ', 'ｽﾄﾗｲﾌﾟ', 'STRIPE'].map(nameKey);

/** The line's payer is the payment company (its legal form and spacing aside). */
export function fromPaymentCompany(payerName: string): boolean {
  const key = nameKey(payerName);
  return key !== '' && PAYMENT_COMPANIES.some((c) => key.includes(c));
}
