import { Module } from '@nestjs/common';
import { AuditModule } from '#audit';
import { DuesModule } from '#dues';
import { MembersModule } from '#members';
import { PaymentsModule } from '../payments.module.js';
import { PaymentRepository } from '../payment.repository.js';
import { OnlineCheckoutRepository } from './online-checkout.repository.js';
import { OnlineCheckoutSync } from './online-checkout-sync.service.js';
import { OnlineCheckouts } from './online-checkouts.service.js';
import { StripeClient } from './stripe-client.js';
import { StripeCustomers } from './stripe-customers.service.js';
import { StripeWebhookIntake } from './stripe-webhook-intake.service.js';
import { StripeEventStore } from './stripe-event-store.js';
import { StripeEventProcessor } from './worker/stripe-event.processor.js';
import { LedgerModule } from '#ledger';
import { OnlinePaymentFinder } from './online-payment-finder.js';
import { PaymentTakeBack } from './payment-take-back.service.js';
import { StripeDisputes } from './stripe-disputes.service.js';
import { StripePayouts } from './stripe-payouts.service.js';
import { StripeRefunds } from './stripe-refunds.service.js';
import { AutoRenewScheduler } from './worker/auto-renew-scheduler.js';
import { AutoRenewRunProcessor } from './worker/auto-renew-run.processor.js';
import { OffSessionCharges } from './off-session-charges.js';
import { SavedCards } from './saved-cards.service.js';
import { AutoRenewPayments } from './auto-renew-payments.service.js';
import { AutoRenewNotices } from './auto-renew-notices.service.js';
import { AutoRenewCharging } from './auto-renew-charging.service.js';
import { AutoRenewRun } from './auto-renew-run.service.js';
import { AutoRenewCharges } from './auto-renew-charges.service.js';
import { AutoRenewDemo } from './auto-renew-demo.service.js';

import { PayerDirectory } from './payer-directory.js';
import { StripePurposeHandlers } from './stripe-purpose-handlers.js';
import { AuthModule } from '#auth';
import { NotificationsModule } from '#notifications';

/** Online money through Stripe: Checkout for dues invoices, webhook intake, event processing (and other libraries' purposes), refunds, disputes, payouts, saved cards, off-session charges and auto-renew. */
@Module({
  imports: [PaymentsModule, DuesModule, MembersModule, AuditModule, LedgerModule, AuthModule, NotificationsModule],
  providers: [
    StripeClient, StripeCustomers, OnlineCheckoutRepository, OnlineCheckouts, OnlineCheckoutSync, StripeEventStore, StripeWebhookIntake,
    // The payments tables in the caller's transaction (stateless; PaymentsModule does not export it).
    PaymentRepository,
    OnlinePaymentFinder,
    PaymentTakeBack, StripeRefunds, StripeDisputes, StripePayouts,
    OffSessionCharges, PayerDirectory, StripePurposeHandlers,
    // auto-renew: saved cards, the daily charging run, its record path
    SavedCards, AutoRenewPayments, AutoRenewNotices, AutoRenewCharging, AutoRenewRun, AutoRenewCharges, AutoRenewDemo,
  ],
  exports: [StripeClient, OffSessionCharges, StripeCustomers, SavedCards, AutoRenewRun, AutoRenewDemo, StripeWebhookIntake, OnlineCheckouts, OnlineCheckoutSync, StripeRefunds, StripePayouts, PayerDirectory, StripePurposeHandlers, StripeDisputes, AutoRenewCharges, PaymentRepository, AutoRenewPayments],
})
export class OnlinePaymentsModule {}

/** The worker's part of auto-renew: the `autorenew.run` job and its daily job scheduler (imported by apps/worker only). */
@Module({ imports: [OnlinePaymentsModule], providers: [AutoRenewRunProcessor, AutoRenewScheduler] })
export class AutoRenewWorkerModule {}

/** The worker's part of online payments: the `stripe.event` job that processes the stored webhook events (imported by apps/worker only). */
@Module({ imports: [OnlinePaymentsModule], providers: [StripeEventProcessor] })
export class OnlinePaymentsWorkerModule {}
