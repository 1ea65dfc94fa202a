import { Injectable } from '@nestjs/common';
import { RowChanges, TransactionService } from '#core';

/** What a post needs of a book besides its chart: its currency and every month closed in it (YYYY-MM-01). */
export interface BookPostingContext {
  currency: string;
  closed: ReadonlySet<string>;
}

/**
 * Each book's currency and closed months, kept between posts so a payment does not read them every
 * time (one statement of its transaction). A month closed or reopened in any process is announced by
 * PostgreSQL (RowChanges, trigger of migration 1764000400000) and that book read again next time; in
 * this process PeriodService also says so once it has committed. Served only while the listener is
 * connected, and remembered only from a committed read no change was announced during. The database
 * stays the guard: an entry dated in a month closed meanwhile is refused (journal_entries_in_open_period),
 * as when the close commits between a post's read and its write.
 */
@Injectable()
export class PostingContextCache {
  private readonly books = new Map<string, BookPostingContext>();
  private generation = 0;

  constructor(
    private readonly tx: TransactionService,
    private readonly changes: RowChanges,
  ) {
    changes.on('ledger_periods', (bookId) => this.forget(bookId));
  }

  /** The books' contexts known now (none while the listener is not connected). */
  known(bookIds: readonly string[]): Map<string, BookPostingContext> {
    const out = new Map<string, BookPostingContext>();
    if (!this.changes.live) return out;
    for (const id of bookIds) {
      const known = this.books.get(id);
      if (known) out.set(id, known);
    }
    return out;
  }

  /** Whether read contexts may be remembered (the listener connected); pass `stamp()` taken before the read to `rememberAfterCommit`. */
  stamp(): number | null {
    return this.changes.live ? this.generation : null;
  }

  /** Remembers contexts read (every closed month of each book) once the transaction commits, unless a change was announced since `stamp`. */
  rememberAfterCommit(stamp: number | null, read: ReadonlyMap<string, BookPostingContext>): void {
    if (stamp === null || read.size === 0) return;
    this.tx.afterCommit(() => {
      if (stamp !== this.generation || !this.changes.live) return;
      for (const [id, context] of read) this.books.set(id, context);
    });
  }

  /** A book's months changed (null: anything may have): read again next time. */
  forget(bookId: string | null): void {
    this.generation++;
    if (bookId === null) this.books.clear();
    else this.books.delete(bookId);
  }
}
