import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#audit';
import { LedgerModule } from '#ledger';
import { OnlinePaymentsModule, PaymentsModule } from '#payments';
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
import { LinePosting } from './line-posting.service.js';
import { PayoutMatching } from './payouts/payout-matching.service.js';

/** Bank reconciliation: statements imported, lines matched to what the branch expects, confirmed as payments. */
@Module({
  imports: [TypeOrmModule.forFeature(reconciliationEntities), AuditModule, LedgerModule, PaymentsModule, OnlinePaymentsModule],
  providers: [StatementLineRepository, LinePosting, PayoutMatching, BankAccounts, LineMatching, LineConfirmation, StatementImport, ReconciliationDemo, MonthEnd, ReconciliationResolver, MonthEndResolver],
  exports: [LinePosting, PayoutMatching, BankAccounts, StatementImport, LineConfirmation, ReconciliationDemo, MonthEnd],
})
export class ReconciliationModule {}
