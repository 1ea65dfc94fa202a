import { Module } from '@nestjs/common';
import { AuditModule } from '#audit';
import { DuesModule } from '#dues';
import { FederationModule } from '#federation';
import { GrantsModule } from '#grants';
import { DonationsModule } from '#donations';
import { ReconciliationModule } from '#reconciliation';
import { LedgerModule } from '#ledger';
import { MembersModule } from '#members';
import { OnlinePaymentsModule, PaymentsModule } from '#payments';
import { ReceiptsModule } from '#receipts';
import { RenewalsModule } from '#renewals';
import { DemoBooks } from './demo-books.service.js';
import { DemoDues } from './demo-dues.service.js';
import { DemoFederation } from './demo-federation.service.js';
import { DemoPayments } from './demo-payments.service.js';

/** The demo federation: at the top of the map, it may use every domain library and none uses it (only the apps). */
@Module({
  imports: [AuditModule, FederationModule, MembersModule, LedgerModule, DuesModule, PaymentsModule, OnlinePaymentsModule, GrantsModule, ReconciliationModule, DonationsModule, ReceiptsModule, RenewalsModule],
  providers: [DemoDues, DemoPayments, DemoBooks, DemoFederation],
  exports: [DemoFederation],
})
export class DemoModule {}
