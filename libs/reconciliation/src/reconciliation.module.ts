import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#audit';
import { LedgerModule } from '#ledger';
import { PaymentsModule } from '#payments';
import { reconciliationEntities } from './entities.js';
import { StatementLineRepository } from './statement-line.repository.js';
import { BankAccounts } from './bank-accounts.service.js';
import { LineMatching } from './line-matching.js';
import { LineConfirmation } from './line-confirmation.service.js';
import { StatementImport } from './statement-import.service.js';
import { ReconciliationDemo } from './reconciliation-demo.service.js';
import { ReconciliationResolver } from './api/reconciliation.resolver.js';
import { MonthEnd } from './month-end.service.js';
import { MonthEndResolver } from './api/month-end.resolver.js';

/** Bank reconciliation: statements imported, lines matched to what the branch expects, confirmed as payments. */
@Module({
  imports: [TypeOrmModule.forFeature(reconciliationEntities), AuditModule, LedgerModule, PaymentsModule],
  providers: [StatementLineRepository, BankAccounts, LineMatching, LineConfirmation, StatementImport, ReconciliationDemo, MonthEnd, ReconciliationResolver, MonthEndResolver],
  exports: [BankAccounts, StatementImport, LineConfirmation, ReconciliationDemo, MonthEnd],
})
export class ReconciliationModule {}
