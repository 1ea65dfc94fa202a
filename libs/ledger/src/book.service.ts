import { Injectable } from '@nestjs/common';
import { AppError, TransactionService } from '#core';
import { Book, BookKind } from './book.entity.js';

/** Books: one for the federation, one per branch, one for the foundation. */
@Injectable()
export class BookService {
  constructor(private readonly tx: TransactionService) {}

  /**
   * Opens a book (idempotent per branch / singleton kind) with the standard chart.
   * Runs in the caller's transaction.
   */
  async openBook(input: { kind: BookKind; branchId?: string | null; nameJa: string; nameEn: string }): Promise<Book> {
    const repo = this.tx.repository(Book);
    const existing = await repo.findOne({
      where: input.kind === BookKind.Branch ? { branchId: input.branchId! } : { kind: input.kind },
    });
    if (existing) return existing;
    const book = await repo.save(repo.create({ kind: input.kind, branchId: input.branchId ?? null, nameJa: input.nameJa, nameEn: input.nameEn }));
    // TODO(ledger): create the standard chart of accounts for the book.
    return book;
  }

  async bookForBranch(branchId: string): Promise<Book> {
    const book = await this.tx.repository(Book).findOne({ where: { branchId } });
    if (!book) throw AppError.notFound('Book', branchId);
    return book;
  }

  async federationBook(): Promise<Book> {
    return this.singleton(BookKind.Federation);
  }

  async foundationBook(): Promise<Book> {
    return this.singleton(BookKind.Foundation);
  }

  private async singleton(kind: BookKind): Promise<Book> {
    const book = await this.tx.repository(Book).findOne({ where: { kind } });
    if (!book) throw AppError.notFound('Book', kind);
    return book;
  }
}
