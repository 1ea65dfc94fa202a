import { Injectable } from '@nestjs/common';
import { Clock, keysetPage, type Page, TransactionService } from '#core';
import { type Actor, PERIOD_CLOSERS } from '#auth';
import { AuditLog } from '#audit';
import { requireBookRead, requireBookWrite } from './book-access.js';
import { BookService } from './book.service.js';
import { JournalRepository } from './journal.repository.js';
import { LedgerError } from './ledger.errors.js';
import { monthOf, parseMonth } from './period-math.js';
import { Period, PeriodStatus } from './period.entity.js';
import { PostingContextCache } from './posting-context-cache.js';

/**
 * Monthly periods per book. Closing a month stops postings dated in it (business items move to
 * the next open month, manual entries are refused); only a federation admin reopens one.
 * Both lock the book against new entries (JournalRepository.lockBookAgainstEntries), so they never
 * interleave with a post to that book, in any of its chains.
 */
@Injectable()
export class PeriodService {
  constructor(
    private readonly tx: TransactionService,
    private readonly books: BookService,
    private readonly journal: JournalRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly contexts: PostingContextCache,
  ) {}

  /** Periods that were ever closed, newest month first (months without a row are open). */
  async list(actor: Actor, bookId: string, page: { first: number; after?: string }): Promise<Page<Period>> {
    requireBookRead(actor, await this.books.findById(bookId));
    const qb = this.tx.repository(Period).createQueryBuilder('p').where('p.book_id = :bookId', { bookId });
    return keysetPage(qb, [{ expression: 'p.month', value: (p) => p.month }], page, 'DESC');
  }

  async close(actor: Actor, bookId: string, monthInput: string): Promise<Period> {
    const month = this.month(monthInput);
    if (month >= monthOf(this.clock.today())) throw LedgerError.periodNotEnded('month', month);
    return this.tx.run(async () => {
      const book = await this.books.findById(bookId);
      requireBookWrite(actor, book, PERIOD_CLOSERS);
      await this.journal.lockBookAgainstEntries(book.id);
      const repo = this.tx.repository(Period);
      const before = await repo.findOne({ where: { bookId, month } });
      if (before?.status === PeriodStatus.CLOSED) throw LedgerError.periodAlreadyClosed(month);
      const period = repo.create({
        ...before,
        bookId,
        month,
        status: PeriodStatus.CLOSED,
        closedAt: this.clock.now(),
        closedBy: actor.userId,
      });
      await repo.save(period);
      await this.audit.record(actor, {
        action: 'ledger.period.close',
        entityType: 'Period',
        entityId: `${bookId}:${month.slice(0, 7)}`,
        branchId: book.branchId,
        before: before ? { status: before.status } : { status: PeriodStatus.OPEN },
        after: { status: PeriodStatus.CLOSED, bookId, month },
      });
      // This process's posts see it from the commit on (the others once PostgreSQL announces it).
      this.tx.afterCommit(() => this.contexts.forget(bookId));
      return period;
    });
  }

  /** Federation admins only (the resolver checks the role; this checks again). */
  async reopen(actor: Actor, bookId: string, monthInput: string): Promise<Period> {
    const month = this.month(monthInput);
    return this.tx.run(async () => {
      const book = await this.books.findById(bookId);
      requireBookWrite(actor, book, []);
      await this.journal.lockBookAgainstEntries(book.id);
      const repo = this.tx.repository(Period);
      const before = await repo.findOne({ where: { bookId, month } });
      if (before?.status !== PeriodStatus.CLOSED) throw LedgerError.periodNotClosed(month);
      const period = repo.create({ ...before, status: PeriodStatus.OPEN, reopenedAt: this.clock.now(), reopenedBy: actor.userId });
      await repo.save(period);
      await this.audit.record(actor, {
        action: 'ledger.period.reopen',
        entityType: 'Period',
        entityId: `${bookId}:${month.slice(0, 7)}`,
        branchId: book.branchId,
        before: { status: PeriodStatus.CLOSED },
        after: { status: PeriodStatus.OPEN, bookId, month },
      });
      // This process's posts see it from the commit on (the others once PostgreSQL announces it).
      this.tx.afterCommit(() => this.contexts.forget(bookId));
      return period;
    });
  }

  private month(value: string): string {
    const month = parseMonth(value);
    if (!month) throw LedgerError.invalidMonth('month');
    return month;
  }
}
