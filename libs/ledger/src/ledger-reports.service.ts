import { Injectable } from '@nestjs/common';
import { AppError, CORE_REASONS, Clock, decodeCursor, encodeCursor, keysetPage, type Page, TransactionService } from '#core';
import type { Actor } from '#auth';
import { AccountService } from './account.service.js';
import { Book, BookKind } from './book.entity.js';
import { bookScope, requireBookRead } from './book-access.js';
import { BookService } from './book.service.js';
import { JournalRepository, type EntryRow, type StoredLine } from './journal.repository.js';
import { LedgerError } from './ledger.errors.js';
import { type AccountEntryRow, type FundBalanceRow, LedgerReadRepository, type TrialBalanceRow } from './ledger-read.repository.js';
import { isBusinessDate } from './period-math.js';

import { LEDGER_REASONS as R } from './ledger.errors.js';
export interface AccountEntry extends AccountEntryRow {
  /** The account's balance (debit-positive) after this line. */
  balanceAfter: bigint;
}

export interface EntryDetail {
  entry: EntryRow & { createdAt: Date };
  lines: (StoredLine & { accountNameJa: string; accountNameEn: string })[];
  reversedByEntryId: string | null;
}

/** What staff read from the ledger, each read checked against the caller's books. */
@Injectable()
export class LedgerReports {
  constructor(
    private readonly tx: TransactionService,
    private readonly books: BookService,
    private readonly accounts: AccountService,
    private readonly read: LedgerReadRepository,
    private readonly journal: JournalRepository,
    private readonly clock: Clock,
  ) {}

  /** The books the caller may read: one query, filtered by scope. */
  async listBooks(actor: Actor, page: { first: number; after?: string }): Promise<Page<Book>> {
    const scope = bookScope(actor);
    const qb = this.tx.repository(Book).createQueryBuilder('b');
    if (!scope.all) {
      const foundation = scope.foundation ? ` OR b.kind = '${BookKind.FOUNDATION}'` : '';
      qb.where(`((b.kind = '${BookKind.BRANCH}' AND b.branch_id = ANY(:branchIds))${foundation})`, { branchIds: scope.branchIds });
    }
    return keysetPage(qb, [{ expression: 'b.name_en', value: (b) => b.nameEn }, { expression: 'b.id', value: (b) => b.id }], page);
  }

  async book(actor: Actor, bookId: string): Promise<Book> {
    const book = await this.books.findById(bookId);
    requireBookRead(actor, book);
    return book;
  }

  async trialBalance(actor: Actor, bookId: string, asOf?: string | null): Promise<{ book: Book; asOf: string; rows: TrialBalanceRow[] }> {
    const book = await this.book(actor, bookId);
    const date = this.asOf(asOf);
    return { book, asOf: date, rows: await this.read.trialBalance(book.id, date) };
  }

  async fundBalances(actor: Actor, bookId: string, asOf?: string | null): Promise<{ book: Book; rows: FundBalanceRow[] }> {
    const book = await this.book(actor, bookId);
    return { book, rows: await this.read.fundBalances(book.id, this.asOf(asOf)) };
  }

  /** An account's lines, oldest first, keyset-paged, each with the running balance. */
  async accountEntries(actor: Actor, accountId: string, page: { first: number; after?: string }): Promise<{ book: Book; page: Page<AccountEntry> }> {
    const account = await this.accounts.get(accountId);
    const book = await this.book(actor, account.bookId);
    let after: { entryDate: string; lineId: string } | null = null;
    if (page.after) {
      const [entryDate, lineId] = decodeCursor(page.after, ['date', 'bigint']);
      if (!isBusinessDate(entryDate) || typeof lineId !== 'string') throw badCursor();
      after = { entryDate, lineId };
    }
    const { rows, opening } = await this.read.accountLines(account.id, after, page.first + 1);
    let running = opening;
    const edges = rows.slice(0, page.first).map((row) => {
      running += row.side === 'DEBIT' ? row.amount : -row.amount;
      return { cursor: encodeCursor([row.entryDate, row.lineId]), node: { ...row, balanceAfter: running } };
    });
    return { book, page: { edges, pageInfo: { hasNextPage: rows.length > page.first, endCursor: edges.at(-1)?.cursor ?? null } } };
  }

  async journalEntry(actor: Actor, entryId: string): Promise<EntryDetail & { book: Book }> {
    const found = await this.journal.entryWithLines(entryId);
    if (!found) throw LedgerError.entryNotFound(entryId);
    const book = await this.book(actor, found.entry.bookId);
    const meta = await this.read.entryMeta(entryId, book.id);
    return {
      book,
      entry: { ...found.entry, createdAt: meta.createdAt },
      reversedByEntryId: meta.reversedByEntryId,
      lines: found.lines.map((l) => ({ ...l, accountNameJa: meta.accountNames.get(l.accountId)!.nameJa, accountNameEn: meta.accountNames.get(l.accountId)!.nameEn })),
    };
  }

  private asOf(value?: string | null): string {
    if (value === undefined || value === null) return this.clock.today();
    if (!isBusinessDate(value)) throw LedgerError.invalidDate('asOf');
    return value;
  }
}

function badCursor(): AppError {
  return CORE_REASONS.CURSOR_NOT_VALID.at('after');
}
