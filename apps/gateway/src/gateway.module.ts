import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { MercuriusDriver } from '@nestjs/mercurius';
import { AppConfig, AppErrorFilter, CoreModule, InputValidationPipe } from '#core';
import { AuthApiModule, AuthModule } from '#auth';
import { AuditApiModule } from '#audit';
import { FederationApiModule } from '#federation';
import { MembersApiModule } from '#members';
import { NotificationsModule } from '#notifications';
import { LedgerApiModule } from '#ledger';
import { DuesApiModule } from '#dues';
import { OnlinePaymentsApiModule, OnlinePaymentsModule, PaymentsApiModule } from '#payments';
import { GrantsApiModule } from '#grants';
import { DonationsApiModule } from '#donations';
import { ReceiptsApiModule } from '#receipts';
import { ReconciliationApiModule } from '#reconciliation';
import { RenewalsApiModule } from '#renewals';
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
    // The libraries' GraphQL layers (each imports its service module); the worker and the CLI import only the service modules.
    AuthApiModule,
    AuditApiModule,
    FederationApiModule,
    MembersApiModule,
    LedgerApiModule,
    DuesApiModule,
    PaymentsApiModule,
    OnlinePaymentsApiModule,
    DonationsApiModule,
    GrantsApiModule,
    ReceiptsApiModule,
    ReconciliationApiModule,
    RenewalsApiModule,
    // What the gateway's controllers and guard use directly: the default-deny guard (auth), the Stripe webhook intake.
    AuthModule,
    OnlinePaymentsModule,
    NotificationsModule,
  ],
  controllers: [HealthController, StripeWebhookController],
  providers: [
    { provide: APP_PIPE, useClass: InputValidationPipe },
    { provide: APP_FILTER, useClass: AppErrorFilter },
  ],
})
export class GatewayModule {}
