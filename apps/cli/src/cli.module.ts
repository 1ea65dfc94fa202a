import { Module } from '@nestjs/common';
import { CoreModule } from '#core';
import { AuthModule } from '#auth';
import { AuditModule } from '#audit';
import { FederationModule } from '#federation';
import { MembersModule } from '#members';
import { NotificationsModule } from '#notifications';
import { LedgerModule } from '#ledger';
import { DuesModule } from '#dues';
import { OnlinePaymentsModule, PaymentsModule } from '#payments';
import { GrantsModule } from '#grants';
import { DemoModule } from '#demo';
import { ReconciliationModule } from '#reconciliation';
import { ReceiptsModule } from '#receipts';
import { RenewalsModule } from '#renewals';

/** The libraries the CLI's commands call. No HTTP, no queue processors. */
@Module({
  imports: [CoreModule.forRoot(), AuthModule, AuditModule, FederationModule, MembersModule, NotificationsModule, LedgerModule, DuesModule, PaymentsModule, OnlinePaymentsModule, GrantsModule, ReconciliationModule, ReceiptsModule, RenewalsModule, DemoModule],
})
export class CliModule {}
