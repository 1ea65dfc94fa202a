import type { AccountCode } from './chart.js';

export type Side = 'DEBIT' | 'CREDIT';

/** What a journal entry is about; with sourceId it points back at the business record. */
export type JournalSource = 'INVOICE' | 'PAYMENT' | 'DONATION' | 'GRANT' | 'SETTLEMENT' | 'MANUAL' | 'REFUND' | 'FEE';

export interface PostingLine {
  /** A code of the book's chart (AccountCode or one an admin added). */
  accountCode: AccountCode | string;
  side: Side;
  /** Positive minor units. */
  amount: bigint;
  /** For due-from / due-to lines: the other book. */
  counterpartyBookId?: string | null;
  /** For restricted donation income: the fund. */
  fundCode?: string | null;
  memo?: string | null;
}

/**
 * One business event's entry in one book. Posting the same idempotencyKey twice
 * posts once (the second call returns the first entry).
 */
export interface JournalPosting {
  bookId: string;
  /** The business date, YYYY-MM-DD (Asia/Tokyo). A closed month moves it to the next open one. */
  entryDate: string;
  source: JournalSource;
  sourceId: string;
  idempotencyKey: string;
  memo: string;
  currency?: string;
  lines: PostingLine[];
}

export interface PostedEntry {
  entryId: string;
  /** false when the idempotency key had been posted before. */
  created: boolean;
  /** The date it was posted at (later than asked when the month was closed). */
  entryDate: string;
}
