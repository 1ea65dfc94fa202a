import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '#auth';
import { Allow, CurrentActor, LEDGER_READERS } from '#auth';
import { LedgerReports } from '../ledger-reports.service.js';
import { AsOfArgs } from './ledger.args.js';
import { FundBalanceObject, TrialBalanceObject } from './ledger-report.object.js';

@Resolver()
export class LedgerReportResolver {
  constructor(private readonly reports: LedgerReports) {}

  @Query(() => TrialBalanceObject, { description: '試算表 of a book as of a date (inclusive)' })
  @Allow(...LEDGER_READERS)
  async trialBalance(@CurrentActor() actor: Actor, @Args() args: AsOfArgs) {
    const { book, asOf, rows } = await this.reports.trialBalance(actor, args.bookId, args.asOf);
    return TrialBalanceObject.from(book.id, asOf, book.currency, rows);
  }

  @Query(() => [FundBalanceObject], { description: 'Balances of a book’s restricted funds as of a date (one row per fund)' })
  @Allow(...LEDGER_READERS)
  async fundBalances(@CurrentActor() actor: Actor, @Args() args: AsOfArgs) {
    const { book, rows } = await this.reports.fundBalances(actor, args.bookId, args.asOf);
    return rows.map((r) => FundBalanceObject.from(r, book.currency));
  }
}
