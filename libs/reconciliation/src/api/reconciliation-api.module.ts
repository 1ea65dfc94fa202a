import { Module } from '@nestjs/common';
import { ReconciliationModule } from '../reconciliation.module.js';
import { CsvProfileResolver } from './csv-profile.resolver.js';
import { JournalExportResolver } from './journal-export.resolver.js';
import { MonthEndResolver } from './month-end.resolver.js';
import { ReconciliationResolver } from './reconciliation.resolver.js';

/** Bank accounts, statements, matching, month-end and journal exports over GraphQL (imported by apps/gateway only). */
@Module({
  imports: [ReconciliationModule],
  providers: [ReconciliationResolver, MonthEndResolver, CsvProfileResolver, JournalExportResolver],
})
export class ReconciliationApiModule {}
