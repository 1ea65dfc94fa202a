import { createHash } from 'node:crypto';

/** The hash a book's chain starts from. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an entry's hash covers: everything that makes it what it is, not when the row was written. */
export interface HashedEntry {
  bookId: string;
  /** The other book of its chain; null (or the book itself): the book's own chain. */
  chainWith?: string | null;
  seq: bigint | string;
  entryDate: string;
  requestedDate: string;
  source: string;
  sourceId: string;
  idempotencyKey: string;
  memo: string;
  currency: string;
  reversesEntryId: string | null;
  createdBy: string | null;
  lines: HashedLine[];
}

export interface HashedLine {
  lineNo: number;
  accountId: string;
  side: string;
  amount: bigint | string;
  counterpartyBookId: string | null;
  fundCode: string | null;
  memo: string | null;
}

/**
 * The canonical text of an entry: a JSON array in fixed field order, lines by line number,
 * amounts as decimal strings, absent values as null. The same entry always gives the same text.
 * An entry of a chain between two books (v2) also names the other book, after its own; an entry of its
 * book's own chain has the v1 text, as every entry had before the chains between books.
 */
export function canonicalEntry(entry: HashedEntry): string {
  const lines = [...entry.lines]
    .sort((a, b) => a.lineNo - b.lineNo)
    .map((l) => [l.lineNo, l.accountId, l.side, l.amount.toString(), l.counterpartyBookId ?? null, l.fundCode ?? null, l.memo ?? null]);
  const between = entry.chainWith && entry.chainWith !== entry.bookId ? entry.chainWith : null;
  return JSON.stringify([
    ...(between ? ['rentai-journal-v2', entry.bookId, between] : ['rentai-journal-v1', entry.bookId]),
    entry.seq.toString(),
    entry.entryDate,
    entry.requestedDate,
    entry.source,
    entry.sourceId,
    entry.idempotencyKey,
    entry.memo,
    entry.currency,
    entry.reversesEntryId ?? null,
    entry.createdBy ?? null,
    lines,
  ]);
}

/** sha256(previous hash, newline, canonical text), hex. */
export function entryHash(prevHash: string, entry: HashedEntry): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalEntry(entry)).digest('hex');
}
