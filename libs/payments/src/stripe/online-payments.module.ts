import { Module } from '@nestjs/common';
import { AuditModule } from '#audit';
import { DuesModule } from '#dues';
import { MembersModule } from '#members';
import { PaymentsModule } from '../payments.module.js';
import { PaymentRepository } from '../payment.repository.js';
import { OnlineCheckoutResolver } from './api/online-checkout.resolver.js';
import { OnlineCheckoutRepository } from './online-checkout.repository.js';
import { OnlineCheckoutSync } from './online-checkout-sync.service.js';
import { OnlineCheckouts } from './online-checkouts.service.js';
import { StripeClient } from './stripe-client.js';
import { StripeCustomers } from './stripe-customers.service.js';
import { StripeWebhookIntake } from './stripe-webhook-intake.service.js';
import { StripeEventProcessor } from './worker/stripe-event.processor.js';
import { LedgerModule } from '#ledger';
import { PaymentRefundResolver } from './api/payment-refund.resolver.js';
import { OnlinePaymentFinder } from './online-payment-finder.js';
import { PaymentTakeBack } from './payment-take-back.service.js';
import { StripeDisputes } from './stripe-disputes.service.js';
import { StripePayouts } from './stripe-payouts.service.js';
import { StripeRefunds } from './stripe-refunds.service.js';
import { OffSessionCharges } from './off-session-charges.js';

/** Online money through Stripe: Checkout for dues invoices, webhook intake, event processing, refunds, disputes, payouts. */
@Module({
  imports: [PaymentsModule, DuesModule, MembersModule, AuditModule, LedgerModule],
  providers: [
    StripeClient, StripeCustomers, OnlineCheckoutRepository, OnlineCheckouts, OnlineCheckoutSync, StripeWebhookIntake, StripeEventProcessor, OnlineCheckoutResolver,
    // The payments tables in the caller's transaction (stateless; PaymentsModule does not export it).
    PaymentRepository,
    OnlinePaymentFinder,
    PaymentTakeBack, StripeRefunds, StripeDisputes, StripePayouts, PaymentRefundResolver,
    OffSessionCharges,
  ],
  exports: [StripeClient, OffSessionCharges, StripeCustomers, StripeWebhookIntake, OnlineCheckouts, OnlineCheckoutSync, StripeRefunds, StripePayouts],
})
export class OnlinePaymentsModule {}
