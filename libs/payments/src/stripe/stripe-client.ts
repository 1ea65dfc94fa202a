import { Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { StripeConfig } from '#core';
import { OnlinePaymentsError } from './online-payments.errors.js';

/**
 * The official Stripe SDK, made once from StripeConfig (real Stripe, or the host, port and
 * protocol of STRIPE_API_URL). Without STRIPE_SECRET_KEY every use answers
 * ONLINE_PAYMENTS_NOT_CONFIGURED and nothing else is affected.
 */
@Injectable()
export class StripeClient {
  private readonly sdk: Stripe | null;

  constructor(private readonly config: StripeConfig) {
    this.sdk = config.secretKey
      ? new Stripe(config.secretKey, { maxNetworkRetries: 2, timeout: 20_000, telemetry: false, ...(config.endpoint ?? {}) })
      : null;
  }

  get enabled(): boolean {
    return this.sdk !== null;
  }

  get api(): Stripe {
    if (!this.sdk) throw OnlinePaymentsError.notConfigured();
    return this.sdk;
  }

  /** The event of a webhook request, verified on its raw bytes; null when the signature does not hold. */
  verifyWebhook(rawBody: Buffer, signature: string | undefined): Stripe.Event | null {
    if (!this.sdk || !this.config.webhookSecret || !signature) return null;
    try {
      return this.sdk.webhooks.constructEvent(rawBody, signature, this.config.webhookSecret);
    } catch {
      return null;
    }
  }
}
