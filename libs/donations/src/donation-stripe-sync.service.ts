import { Injectable, type OnModuleInit } from '@nestjs/common';
import type Stripe from 'stripe';
import { Clock, Money, TransactionService } from '#core';
import { StripeClient, StripePurposeHandlers, type PurposeEvent, type StripePurposeHandler } from '#payments';
import { DonationMethod, DonationStatus } from './donation-enums.js';
import { DonationDisputes } from './donation-disputes.service.js';
import { DonationRecording } from './donation-recording.service.js';
import type { Donation } from './donation.repository.js';
import { DonationRepository } from './donation.repository.js';
import { DonationsError } from './donations.errors.js';
import { DonationNotices } from './donation-notices.js';
import { MonthlyGiftCompletion } from './monthly-gift-completion.service.js';
import { stripeMoney } from './stripe-money.js';

const SETTLED = new Set<string>([DonationStatus.SUCCEEDED, DonationStatus.PARTIALLY_REFUNDED, DonationStatus.REFUNDED, DonationStatus.DISPUTED]);

/**
 * Stripe's events about donations (`metadata.purpose = donation`), registered with the payments
 * event processor. Each reads Stripe's current state of the object, so twice or in any order is
 * one result: a one-time donation (donationId) succeeds once; a monthly gift's first Checkout or
 * an off-session charge (monthlyGiftId) completes that month once (MonthlyGiftCompletion); refunds
 * of a donation's charge are booked once per refund id; its disputes as the dues path books them
 * (DonationDisputes).
 */
@Injectable()
export class DonationStripeSync implements StripePurposeHandler, OnModuleInit {
  constructor(
    private readonly tx: TransactionService,
    private readonly stripe: StripeClient,
    private readonly handlers: StripePurposeHandlers,
    private readonly donations: DonationRepository,
    private readonly recording: DonationRecording,
    private readonly monthly: MonthlyGiftCompletion,
    private readonly notices: DonationNotices,
    private readonly disputes: DonationDisputes,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.handlers.register('donation', this);
  }

  async sync(event: PurposeEvent): Promise<string> {
    const metadata = event.object.metadata ?? {};
    const expand = ['latest_charge.balance_transaction'];
    let intent: Stripe.PaymentIntent | null;
    let session: Stripe.Checkout.Session | null = null;
    if (event.type.startsWith('checkout.session.')) {
      session = await this.stripe.api.checkout.sessions.retrieve(event.objectId, { expand: expand.map((p) => `payment_intent.${p}`) });
      intent = typeof session.payment_intent === 'object' ? session.payment_intent : null;
    } else {
      intent = await this.stripe.api.paymentIntents.retrieve(event.objectId, { expand });
    }
    if (metadata.monthlyGiftId) return this.monthly.sync(metadata.monthlyGiftId, intent, session, metadata.period ?? null);
    if (!metadata.donationId) return 'unknown';
    return this.syncDonation(metadata.donationId, intent, session, event.type);
  }

  private async syncDonation(donationId: string, intent: Stripe.PaymentIntent | null, session: Stripe.Checkout.Session | null, type: string): Promise<string> {
    let failedGuest = false;
    const outcome = await this.tx.run(async () => {
      const donation = await this.donations.lock(donationId);
      if (!donation) throw DonationsError.unknownDonation(donationId);
      if (SETTLED.has(donation.status)) return donation.status;
      if (intent?.status === 'succeeded') {
        const money = stripeMoney(intent);
        if (money.amount !== donation.amount || money.currency !== donation.currency) {
          throw DonationsError.amountMismatch(intent.id, donation.amount, Money.of(money.amount, money.currency).format('en'));
        }
        await this.recording.succeed(donation, { method: money.method, fee: money.fee, receivedOn: money.receivedOn, paymentIntentId: intent.id });
        return DonationStatus.SUCCEEDED;
      }
      const status = this.pendingStatus(donation, intent, session);
      const konbini = intent?.next_action?.konbini_display_details;
      await this.donations.update(donation.id, {
        status,
        ...(intent && { payment_intent_id: intent.id }),
        ...(konbini && { method: DonationMethod.KONBINI, konbini_expires_at: new Date(konbini.expires_at * 1000) }),
      });
      failedGuest = !donation.memberId && type === 'payment_intent.payment_failed';
      return status;
    });
    if (failedGuest) await this.notices.guestPaymentFailed(this.clock.now());
    return outcome;
  }

  private pendingStatus(donation: Donation, intent: Stripe.PaymentIntent | null, session: Stripe.Checkout.Session | null): DonationStatus {
    if (session?.status === 'expired') return DonationStatus.EXPIRED;
    // A konbini voucher that was never paid expires; a card payment that was cancelled failed. Decided by the
    // method, not the status: the second of the two events Stripe sends (payment_failed, async_payment_failed) sees EXPIRED.
    if (intent?.status === 'canceled') return donation.method === DonationMethod.KONBINI || donation.status === DonationStatus.AWAITING_KONBINI ? DonationStatus.EXPIRED : DonationStatus.FAILED;
    if (intent?.next_action?.konbini_display_details) return DonationStatus.AWAITING_KONBINI;
    if (session?.status === 'complete' && intent?.status === 'requires_payment_method') return DonationStatus.FAILED;
    return donation.status === DonationStatus.AWAITING_KONBINI ? DonationStatus.AWAITING_KONBINI : DonationStatus.PENDING;
  }

  /** Refunds of a donation's charge (ours or the dashboard's): each succeeded one booked once. */
  async syncCharge(chargeId: string): Promise<string> {
    const stripe = this.stripe.api;
    const charge = await stripe.charges.retrieve(chargeId);
    const intentId = typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
    const donation = intentId ? await this.donations.findByPaymentIntent(intentId) : null;
    if (!donation) return 'unknown';
    if (!SETTLED.has(donation.status)) throw DonationsError.unknownDonation(intentId!);
    const refunds = await stripe.refunds.list({ charge: chargeId, limit: 100 });
    for (const refund of refunds.data) {
      if (refund.status !== 'succeeded') continue;
      await this.tx.run(() => this.recording.refund(donation.id, refund.id, BigInt(refund.amount), this.clock.today()));
    }
    return 'synced';
  }

  /** charge.dispute.* of a donation's charge: held in the disputes account, then back or written off (DonationDisputes). */
  syncDispute(disputeId: string): Promise<string> {
    return this.disputes.sync(disputeId);
  }
}
