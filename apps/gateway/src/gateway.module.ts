import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { MercuriusDriver } from '@nestjs/mercurius';
import { AppConfig, AppErrorFilter, CoreModule, InputValidationPipe } from '#core';
import { AuthModule } from '#auth';
import { AuditModule } from '#audit';
import { FederationModule } from '#federation';
import { MembersModule } from '#members';
import { NotificationsModule } from '#notifications';
import { LedgerModule } from '#ledger';
import { DuesModule } from '#dues';
import { OnlinePaymentsModule, PaymentsModule } from '#payments';
import { GrantsModule } from '#grants';
import { DonationsModule } from '#donations';
import { ReceiptsModule } from '#receipts';
import { ReconciliationModule } from '#reconciliation';
import { RenewalsModule } from '#renewals';
import { graphqlOptions } from './graphql.options.js';
import { HealthController } from './health.controller.js';
import { StripeWebhookController } from './stripe-webhook.controller.js';

/** The GraphQL API: wiring only; every rule lives in a library. */
@Module({
  imports: [
    CoreModule.forRoot(),
    GraphQLModule.forRootAsync<MercuriusDriverConfig>({
      driver: MercuriusDriver,
      inject: [AppConfig],
      useFactory: graphqlOptions,
    }),
    AuthModule,
    AuditModule,
    FederationModule,
    MembersModule,
    NotificationsModule,
    LedgerModule,
    DuesModule,
    PaymentsModule,
    OnlinePaymentsModule,
    DonationsModule,
    GrantsModule,
    ReceiptsModule,
    ReconciliationModule,
    RenewalsModule,
  ],
  controllers: [HealthController, StripeWebhookController],
  providers: [
    { provide: APP_PIPE, useClass: InputValidationPipe },
    { provide: APP_FILTER, useClass: AppErrorFilter },
  ],
})
export class GatewayModule {}
