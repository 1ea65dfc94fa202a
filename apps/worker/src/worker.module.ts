import { Module } from '@nestjs/common';
import { CoreModule, WorkerRuntimeModule } from '#core';
import { AuthModule } from '#auth';
import { AuditModule } from '#audit';
import { FederationModule } from '#federation';
import { MembersModule } from '#members';
import { NotificationsModule, NotificationsWorkerModule } from '#notifications';
import { LedgerModule } from '#ledger';
import { DuesModule } from '#dues';
import { AutoRenewWorkerModule, OnlinePaymentsModule, PaymentsModule } from '#payments';
import { GrantsModule } from '#grants';
import { DonationsModule, DonationsWorkerModule } from '#donations';
import { ReceiptsModule } from '#receipts';
import { ReconciliationModule } from '#reconciliation';
import { RenewalsModule, RenewalsWorkerModule } from '#renewals';

/** The BullMQ worker: the same libraries as the gateway, their job handlers, the outbox relay. */
@Module({
  imports: [CoreModule.forRoot(), WorkerRuntimeModule, AuthModule, AuditModule, FederationModule, MembersModule, NotificationsModule, NotificationsWorkerModule, LedgerModule, DuesModule, PaymentsModule, OnlinePaymentsModule, AutoRenewWorkerModule, DonationsModule, DonationsWorkerModule, GrantsModule, ReceiptsModule, ReconciliationModule, RenewalsModule, RenewalsWorkerModule],
})
export class WorkerModule {}
