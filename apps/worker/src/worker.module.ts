import { Module } from '@nestjs/common';
import { CoreModule, WorkerRuntimeModule } from '#core';
import { AuthModule } from '#auth';
import { AuditModule } from '#audit';
import { FederationModule } from '#federation';
import { MembersModule } from '#members';
import { NotificationsModule, NotificationsWorkerModule } from '#notifications';
import { LedgerModule } from '#ledger';
import { DuesModule } from '#dues';
import { AutoRenewWorkerModule, OnlinePaymentsModule, OnlinePaymentsWorkerModule, PaymentsModule } from '#payments';
import { GrantsModule } from '#grants';
import { DonationsModule, DonationsWorkerModule } from '#donations';
import { ReceiptsModule, ReceiptsWorkerModule } from '#receipts';
import { ReconciliationModule } from '#reconciliation';
import { RenewalsModule, RenewalsWorkerModule } from '#renewals';

/** The BullMQ worker: the libraries' service modules (no GraphQL layer), their worker modules (job handlers, schedulers), the outbox relay. */
@Module({
  imports: [CoreModule.forRoot(), WorkerRuntimeModule, AuthModule, AuditModule, FederationModule, MembersModule, NotificationsModule, NotificationsWorkerModule, LedgerModule, DuesModule, PaymentsModule, OnlinePaymentsModule, OnlinePaymentsWorkerModule, AutoRenewWorkerModule, DonationsModule, DonationsWorkerModule, GrantsModule, ReceiptsModule, ReceiptsWorkerModule, ReconciliationModule, RenewalsModule, RenewalsWorkerModule],
})
export class WorkerModule {}
