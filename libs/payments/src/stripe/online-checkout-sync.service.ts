import { Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import { Money, TransactionService, toBusinessDate } from '#core';
import { SYSTEM_ACTOR } from '#auth';
import { PaymentMethod } from '../payment-method.js';
import { PaymentRecording } from '../payment-recording.service.js';
import { OnlineCheckoutStatus, type OnlineCheckout } from './online-checkout.entity.js';
import { OnlineCheckoutRepository } from './online-checkout.repository.js';
import { OnlinePaymentsError } from './online-payments.errors.js';
import { StripeClient } from './stripe-client.js';
import { SavedCards } from './saved-cards.service.js';

export type SyncOutcome = 'unknown' | OnlineCheckoutStatus;

/**
 * Brings a checkout up to Stripe's current state of its session, whatever event prompted it.
 * Because it reads the state rather than trusting the event, events applied twice or in any
 * order end in the same place: money succeeded → one payment, recorded through PaymentRecording
 * (idempotency key = the payment intent) with Stripe's fee from the balance transaction, after
 * the amount and currency are compared with what was asked.
 */
@Injectable()
export class OnlineCheckoutSync {
  constructor(
    private readonly tx: TransactionService,
    private readonly stripe: StripeClient,
    private readonly checkouts: OnlineCheckoutRepository,
    private readonly recording: PaymentRecording,
    private readonly cards: SavedCards,
  ) {}

  /** Syncs the checkout of this session; 'unknown' when we never made it (another system's session). */
  async syncSession(sessionId: string, options: { ours: boolean }): Promise<SyncOutcome> {
    const known = await this.checkouts.findBySession(sessionId);
    if (!known) {
      // Ours by its metadata but not stored yet: wait and retry rather than drop.
      if (options.ours) throw OnlinePaymentsError.unknownCheckout(sessionId);
      return 'unknown';
    }
    if (known.status === OnlineCheckoutStatus.PAID) return known.status;
    const session = await this.stripe.api.checkout.sessions.retrieve(sessionId, { expand: ['payment_intent.latest_charge.balance_transaction', 'payment_intent.payment_method'] });
    return this.tx.run(async () => {
      const checkout = (await this.checkouts.lockBySession(sessionId))!;
      if (checkout.status === OnlineCheckoutStatus.PAID) return checkout.status;
      return this.apply(checkout, session);
    });
  }

  /** Syncs the checkout whose payment intent this is, if there is one. */
  async syncPaymentIntent(paymentIntentId: string): Promise<SyncOutcome> {
    const checkout = await this.checkouts.findByPaymentIntent(paymentIntentId);
    return checkout ? this.syncSession(checkout.sessionId, { ours: true }) : 'unknown';
  }

  private async apply(checkout: OnlineCheckout, session: Stripe.Checkout.Session): Promise<OnlineCheckoutStatus> {
    const intent = typeof session.payment_intent === 'object' ? session.payment_intent : null;
    const paymentIntentId = intent?.id ?? (typeof session.payment_intent === 'string' ? session.payment_intent : null);
    if (intent?.status === 'succeeded') {
      await this.recordPayment(checkout, session, intent);
      return OnlineCheckoutStatus.PAID;
    }
    const konbini = intent?.next_action?.konbini_display_details;
    const status =
      session.status === 'expired'
        ? OnlineCheckoutStatus.EXPIRED
        : intent?.status === 'canceled' || (session.status === 'complete' && intent?.status === 'requires_payment_method')
          ? OnlineCheckoutStatus.FAILED
          : session.status === 'complete' && konbini
            ? OnlineCheckoutStatus.AWAITING_KONBINI
            : OnlineCheckoutStatus.OPEN;
    await this.checkouts.update(checkout.id, {
      status,
      paymentIntentId,
      ...(konbini && { method: PaymentMethod.KONBINI, konbiniExpiresAt: new Date(konbini.expires_at * 1000) }),
    });
    return status;
  }

  private async recordPayment(checkout: OnlineCheckout, session: Stripe.Checkout.Session, intent: Stripe.PaymentIntent): Promise<void> {
    const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
    const balance = charge && typeof charge.balance_transaction === 'object' ? charge.balance_transaction : null;
    const currency = intent.currency.toUpperCase();
    const received = BigInt(intent.amount_received);
    if (received !== checkout.amount || currency !== checkout.currency) {
      throw OnlinePaymentsError.amountMismatch(session.id, Money.of(checkout.amount, checkout.currency).format('en'), `${received} ${currency}`);
    }
    const method = charge?.payment_method_details?.type === 'konbini' ? PaymentMethod.KONBINI : PaymentMethod.CARD;
    const { payment } = await this.recording.record(SYSTEM_ACTOR, {
      memberId: checkout.memberId,
      method,
      amount: Money.of(received, currency),
      fee: balance ? BigInt(balance.fee) : 0n,
      receivedOn: toBusinessDate(new Date((charge?.created ?? intent.created) * 1000)),
      reference: intent.id,
      allocations: [{ invoiceId: checkout.invoiceId }],
      // Paid meanwhile by other means: the money is the member's credit, not refused.
      allowCredit: true,
      memo: `Stripe Checkout ${session.id}`,
      idempotencyKey: `stripe.${intent.id}`,
    });
    await this.checkouts.update(checkout.id, { status: OnlineCheckoutStatus.PAID, method, paymentIntentId: intent.id, paymentId: payment.id });
    // Paid with auto-renew on: the card was saved for off-session use; it becomes the member's default.
    if (intent.setup_future_usage === 'off_session' || intent.payment_method_options?.card?.setup_future_usage === 'off_session') {
      await this.cards.save(checkout.memberId, intent.payment_method as Stripe.PaymentMethod | string | null);
    }
  }
}
