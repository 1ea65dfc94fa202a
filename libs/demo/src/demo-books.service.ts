import { Injectable } from '@nestjs/common';
import { SYSTEM_ACTOR } from '#auth';
import { BookService, PeriodService } from '#ledger';

/** The ledger part of the demo: the months a treasurer has already closed, in every branch's book and the federation's (PeriodService). */
@Injectable()
export class DemoBooks {
  constructor(
    private readonly books: BookService,
    private readonly periods: PeriodService,
  ) {}

  async closeMonths(branchIds: readonly string[], months: readonly string[]): Promise<number> {
    const bookIds = [(await this.books.federationBook()).id];
    for (const branchId of branchIds) bookIds.push((await this.books.bookForBranch(branchId)).id);
    for (const bookId of bookIds) for (const month of months) await this.periods.close(SYSTEM_ACTOR, bookId, month);
    return months.length;
  }
}
