/**
 * A book's entries are linked into several hash chains: the book's own, and one with each book it has
 * entries between. An entry whose inter-book lines (1500/2200, the only ones naming another book) all name
 * one book is linked into the chain with that book; any other entry into the book's own chain. So the
 * federation's book, into which every branch's dues payment posts the federation's share, is written by
 * the branches side by side: two payments of different branches never wait for one chain head.
 */
export interface ChainRef {
  bookId: string;
  /** The other book; the book itself for its own chain. */
  chainWith: string;
}

/** The chain an entry of `bookId` with these lines is linked into (the book itself: its own chain). */
export function chainOf(bookId: string, lines: readonly { counterpartyBookId?: string | null }[]): string {
  let other: string | null = null;
  for (const line of lines) {
    const named = line.counterpartyBookId ?? null;
    if (named === null) continue;
    if (other !== null && named !== other) return bookId;
    other = named;
  }
  return other ?? bookId;
}

/** A chain as a map key. */
export const chainKey = (chain: ChainRef): string => `${chain.bookId}\u0000${chain.chainWith}`;

/**
 * The chains `lockBooks` holds for these books: each book's own and those between any two of them, so that
 * whatever is posted between them (their inter-book balances) waits until the caller commits.
 */
export function chainsAmong(bookIds: readonly string[]): ChainRef[] {
  const books = [...new Set(bookIds)].sort();
  return books.flatMap((bookId) => books.map((chainWith) => ({ bookId, chainWith })));
}
