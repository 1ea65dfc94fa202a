import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger.module.js';
import { BookResolver } from './book.resolver.js';
import { JournalResolver } from './journal.resolver.js';
import { LedgerReportResolver } from './ledger-report.resolver.js';
import { PeriodResolver } from './period.resolver.js';

/** Books, the journal, periods and the ledger reports over GraphQL (imported by apps/gateway only). */
@Module({
  imports: [LedgerModule],
  providers: [BookResolver, JournalResolver, LedgerReportResolver, PeriodResolver],
})
export class LedgerApiModule {}
