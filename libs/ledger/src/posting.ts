import type { AccountCode } from './chart.js';

/**
 * 借方 DEBIT / 貸方 CREDIT. An enum-like object (keys are the values, as for every enum of the house) so
 * that the pure posting code may keep writing `side: 'DEBIT'`; the GraphQL enum `Side` is this object.
 */
export const Side = { DEBIT: 'DEBIT', CREDIT: 'CREDIT' } as const;
export type Side = (typeof Side)[keyof typeof Side];

/** What a journal entry is about; with sourceId it points back at the business record (GraphQL `JournalSource`). */
export const JournalSource = {
  INVOICE: 'INVOICE',
  PAYMENT: 'PAYMENT',
  DONATION: 'DONATION',
  GRANT: 'GRANT',
  SETTLEMENT: 'SETTLEMENT',
  MANUAL: 'MANUAL',
  REFUND: 'REFUND',
  FEE: 'FEE',
  /** A bank line posted by reconciliation: not dues (interest, a fee, a refund) or a Stripe payout. */
  RECONCILIATION: 'RECONCILIATION',
} as const;
export type JournalSource = (typeof JournalSource)[keyof typeof JournalSource];

export interface PostingLine {
  /** A code of the book's chart (AccountCode or one an admin added). */
  accountCode: AccountCode | string;
  side: Side;
  /** Positive minor units. */
  amount: bigint;
  /** For due-from / due-to lines (required there): the other book. */
  counterpartyBookId?: string | null;
  /** For restricted donation income (required there), and any income/expense line of a fund: the fund. */
  fundCode?: string | null;
  memo?: string | null;
}

/**
 * One business event's entry in one book. Posting the same idempotencyKey twice
 * posts once (the second call returns the first entry).
 */
export interface JournalPosting {
  bookId: string;
  /** The business date, YYYY-MM-DD (Asia/Tokyo). A closed month moves it to the next open one (MANUAL: refused). */
  entryDate: string;
  source: JournalSource;
  sourceId: string;
  idempotencyKey: string;
  memo: string;
  /** Must equal the book's currency when given. */
  currency?: string;
  lines: PostingLine[];
  /** The user who caused it, when one did (manual entries); kept in the hash chain. */
  createdBy?: string | null;
}

export interface PostedEntry {
  entryId: string;
  /** false when the idempotency key had been posted before. */
  created: boolean;
  /** The date it was posted at (later than asked when the month was closed). */
  entryDate: string;
}

/** How to reverse an entry: a new entry with every line on the other side, pointing at the original. */
export interface ReversalRequest {
  idempotencyKey: string;
  /** The reversal's business date; a closed month moves it to the next open one. */
  entryDate: string;
  memo: string;
  createdBy?: string | null;
}
