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
import { MonthEnd } from './month-end.service.js';
import { LinePosting } from './line-posting.service.js';
import { CsvProfiles } from './csv/csv-profiles.service.js';
import { BranchReconciliation } from './month-end/branch-reconciliation.service.js';
import { PaymentLinking } from './payment-linking.service.js';
import { AccountMappings } from './export/account-mappings.service.js';
import { JournalExports } from './export/journal-exports.service.js';
import { PayoutMatching } from './payouts/payout-matching.service.js';
import { SettlementMatching } from './settlements/settlement-matching.service.js';

/** Bank reconciliation: statements imported, lines matched to what the branch expects, confirmed as payments. */
@Module({
  imports: [TypeOrmModule.forFeature(reconciliationEntities), AuditModule, LedgerModule, PaymentsModule, OnlinePaymentsModule],
  providers: [StatementLineRepository, CsvProfiles, BranchReconciliation, LinePosting, PaymentLinking, PayoutMatching, SettlementMatching, AccountMappings, JournalExports, BankAccounts, LineMatching, LineConfirmation, StatementImport, ReconciliationDemo, MonthEnd],
  exports: [CsvProfiles, BranchReconciliation, LinePosting, PayoutMatching, SettlementMatching, AccountMappings, JournalExports, BankAccounts, StatementImport, LineConfirmation, ReconciliationDemo, MonthEnd, PaymentLinking, StatementLineRepository],
})
export class ReconciliationModule {}
