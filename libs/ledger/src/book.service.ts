import { Injectable } from '@nestjs/common';
import { AppError, TransactionService } from '#core';
import { Book, BookKind } from './book.entity.js';
import { STANDARD_CHART } from './chart.js';
import { GENESIS_HASH } from './entry-hash.js';

import { LEDGER_REASONS as R } from './ledger.errors.js';
export interface OpenBookInput {
  kind: BookKind;
  branchId?: string | null;
  nameJa: string;
  nameEn: string;
  currency?: string;
}

/** Books: one for the federation, one per branch, one for the foundation. */
@Injectable()
export class BookService {
  /** The federation's and the foundation's books, once found (opened at boot, never changed or removed). */
  private readonly central = new Map<BookKind, Book>();
  /** Branch books by branch, once read from a committed state (every payment of a branch asks for its book). */
  private readonly branchBooks = new Map<string, Book>();

  constructor(private readonly tx: TransactionService) {}

  /**
   * Opens a book (idempotent per branch / singleton kind, safe under concurrency) with the
   * standard chart of accounts and the start of its hash chain. Runs in the caller's transaction.
   */
  async openBook(input: OpenBookInput): Promise<Book> {
    return this.tx.run(async (m) => {
      if ((input.kind === BookKind.BRANCH) !== !!input.branchId) {
        throw R.BRANCH_BOOK_NEEDS_BRANCH.at('branchId');
      }
      await m.query(
        `INSERT INTO books (kind, branch_id, name_ja, name_en, currency) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [input.kind, input.branchId ?? null, input.nameJa, input.nameEn, input.currency ?? 'JPY'],
      );
      const book =
        input.kind === BookKind.BRANCH
          ? await this.tx.repository(Book).findOneOrFail({ where: { branchId: input.branchId! } })
          : await this.tx.repository(Book).findOneOrFail({ where: { kind: input.kind } });
      await m.query(
        `INSERT INTO accounts (book_id, code, type, name_ja, name_en, standard)
         SELECT $1, code, type, name_ja, name_en, true FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS c(code, type, name_ja, name_en)
         ON CONFLICT (book_id, code) DO NOTHING`,
        [book.id, STANDARD_CHART.map((a) => a.code), STANDARD_CHART.map((a) => a.type), STANDARD_CHART.map((a) => a.nameJa), STANDARD_CHART.map((a) => a.nameEn)],
      );
      await m.query(`INSERT INTO ledger_chain_heads (book_id, chain_with, last_seq, last_hash) VALUES ($1, $1, 0, $2) ON CONFLICT DO NOTHING`, [book.id, GENESIS_HASH]);
      return book;
    });
  }

  /** The federation's and the foundation's books, opened if missing (idempotent; CentralBooks calls it at every boot). */
  async ensureCentralBooks(): Promise<{ federation: Book; foundation: Book }> {
    const own = !this.tx.active;
    const books = await this.tx.run(async () => ({
      federation: await this.openBook({ kind: BookKind.FEDERATION, nameJa: '連合会 本部会計', nameEn: 'Federation' }),
      foundation: await this.openBook({ kind: BookKind.FOUNDATION, nameJa: '財団 会計', nameEn: 'Foundation' }),
    }));
    // Committed (its own transaction): remembered for the process, so a payment does not look them up each time.
    if (own) {
      this.central.set(BookKind.FEDERATION, books.federation);
      this.central.set(BookKind.FOUNDATION, books.foundation);
    }
    return books;
  }

  async bookForBranch(branchId: string): Promise<Book> {
    const known = this.branchBooks.get(branchId);
    if (known) return known;
    const book = await this.tx.repository(Book).findOne({ where: { branchId } });
    if (!book) throw AppError.notFound('Book', branchId);
    // A branch's book never changes nor goes away once committed (a book opened in a transaction that rolls back is not kept).
    this.tx.afterCommit(() => this.branchBooks.set(branchId, book));
    return book;
  }

  async federationBook(): Promise<Book> {
    return this.singleton(BookKind.FEDERATION);
  }

  async foundationBook(): Promise<Book> {
    return this.singleton(BookKind.FOUNDATION);
  }

  async findById(bookId: string): Promise<Book> {
    const book = await this.tx.repository(Book).findOne({ where: { id: bookId } });
    if (!book) throw AppError.notFound('Book', bookId);
    return book;
  }

  private async singleton(kind: BookKind): Promise<Book> {
    const known = this.central.get(kind);
    if (known) return known;
    const book = await this.tx.repository(Book).findOne({ where: { kind } });
    if (!book) throw AppError.notFound('Book', kind);
    return book;
  }
}
