import { Injectable } from '@nestjs/common';
import { LedgerError } from './ledger.errors.js';
import { type JournalCursor, JournalRepository } from './journal.repository.js';
import { type BalanceFilter, LedgerReadRepository } from './ledger-read.repository.js';
import type { PostingLine } from './posting.js';

export type { BalanceFilter } from './ledger-read.repository.js';

/** One entry of a book's journal, for exports. */
export interface JournalEntryWithLines {
  id: string;
  seq: bigint;
  entryDate: string;
  source: string;
  memo: string;
  lines: { accountCode: string; side: 'DEBIT' | 'CREDIT'; amount: bigint }[];
}

export interface CounterpartyBalance {
  counterpartyBookId: string;
  /** Debits minus credits of the lines naming that book. */
  balance: bigint;
}

/** A pair of books whose inter-book accounts do not mirror each other (1500 of one against 2200 of the other). */
export interface InterBookMismatch {
  bookId: string;
  counterpartyBookId: string;
  /** The account of `bookId`: 1500 (due from) or 2200 (due to). */
  accountCode: string;
  /** Its balance naming the other book, and the other book's mirror account naming this one (debit-positive). */
  balance: bigint;
  mirror: bigint;
}

/** Balances for other libraries (dues, payments, settlement). Runs in the caller's transaction when there is one. */
@Injectable()
export class LedgerQueries {
  constructor(
    private readonly read: LedgerReadRepository,
    private readonly journalRepository: JournalRepository,
  ) {}

  /** The lines an entry posted (as a PostingLine each), or null for an unknown entry: to reverse a share of it. */
  async entryLines(entryId: string): Promise<PostingLine[] | null> {
    const found = await this.journalRepository.entryWithLines(entryId);
    return found
      ? found.lines.map((l) => ({ accountCode: l.accountCode, side: l.side, amount: l.amount, counterpartyBookId: l.counterpartyBookId, fundCode: l.fundCode, memo: l.memo }))
      : null;
  }

  /**
   * Debits minus credits of an account of a book (debit-positive: a receivable is positive,
   * a liability or income negative), optionally only lines naming a counterparty book or a fund,
   * up to and including `asOf`. An account code the book does not have is BAD_USER_INPUT.
   */
  async balance(filter: BalanceFilter): Promise<bigint> {
    const accountId = await this.read.accountId(filter.bookId, filter.accountCode);
    if (!accountId) throw LedgerError.unknownAccount('accountCode', filter.accountCode);
    return this.read.netDebit(accountId, filter);
  }

  /**
   * A book's journal dated from..to (inclusive), in date, then posting order, in keyset batches of
   * `batch` entries with their lines (memory stays flat however long the range).
   */
  async *journal(bookId: string, range: { from: string; to: string }, batch = 2_000): AsyncGenerator<JournalEntryWithLines[]> {
    let after: JournalCursor | null = null;
    for (;;) {
      const entries = await this.journalRepository.entriesBetween(bookId, range.from, range.to, after, batch);
      if (entries.length === 0) return;
      const lines = await this.journalRepository.linesOf(entries.map((e) => e.id));
      yield entries.map((e) => ({
        id: e.id,
        seq: e.seq,
        entryDate: e.entryDate,
        source: e.source,
        memo: e.memo,
        lines: (lines.get(e.id) ?? []).map((l) => ({ accountCode: l.accountCode, side: l.side, amount: l.amount })),
      }));
      const last = entries[entries.length - 1];
      after = { entryDate: last.entryDate, createdAt: last.createdAt, seq: last.seq, id: last.id };
      if (entries.length < batch) return;
    }
  }

  /**
   * The books' inter-book rule: what A's 1500 says B owes (naming B) is what B's 2200 says it owes A
   * (naming A), and the other way round. Every mismatched pair, once per direction.
   */
  async interBookMismatches(): Promise<InterBookMismatch[]> {
    return this.read.interBookMismatches();
  }

  /** The balance of one account in every branch book (debit-positive), with the book's branch. */
  async branchBookBalances(accountCode: string): Promise<{ bookId: string; branchId: string; balance: bigint }[]> {
    return this.read.branchBookBalances(accountCode);
  }

  /** Per other book, debits minus credits of the account's lines naming it (dated from..to, both inclusive). */
  async balancesByCounterparty(bookId: string, accountCode: string, range: { from?: string | null; to?: string | null } = {}): Promise<CounterpartyBalance[]> {
    const accountId = await this.read.accountId(bookId, accountCode);
    if (!accountId) throw LedgerError.unknownAccount('accountCode', accountCode);
    return this.read.netDebitByCounterparty(accountId, range);
  }
}
