import { Module } from '@nestjs/common';
import { AuditModule } from '#audit';
import { DuesModule } from '#dues';
import { MembersModule } from '#members';
import { PaymentsModule } from '../payments.module.js';
import { OnlineCheckoutResolver } from './api/online-checkout.resolver.js';
import { OnlineCheckoutRepository } from './online-checkout.repository.js';
import { OnlineCheckoutSync } from './online-checkout-sync.service.js';
import { OnlineCheckouts } from './online-checkouts.service.js';
import { StripeClient } from './stripe-client.js';
import { StripeCustomers } from './stripe-customers.service.js';
import { StripeWebhookIntake } from './stripe-webhook-intake.service.js';
import { StripeEventProcessor } from './worker/stripe-event.processor.js';

/** Online money through Stripe: Checkout for dues invoices, webhook intake, event processing. */
@Module({
  imports: [PaymentsModule, DuesModule, MembersModule, AuditModule],
  providers: [StripeClient, StripeCustomers, OnlineCheckoutRepository, OnlineCheckouts, OnlineCheckoutSync, StripeWebhookIntake, StripeEventProcessor, OnlineCheckoutResolver],
  exports: [StripeClient, StripeWebhookIntake, OnlineCheckouts, OnlineCheckoutSync],
})
export class OnlinePaymentsModule {}
