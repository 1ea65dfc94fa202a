import { Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import { Money, TransactionService } from '#core';
import { DonationChannel, DonationMethod, DonationStatus, MonthlyGiftStatus } from './donation-enums.js';
import { DonationRecording } from './donation-recording.service.js';
import { DonationRepository } from './donation.repository.js';
import { DonationsError } from './donations.errors.js';
import { stripeMoney as moneyOf } from './stripe-money.js';
import { FundRepository } from './fund.repository.js';
import { MonthlyGiftRepository, type MonthlyGift, type MonthlyGiftCharge } from './monthly-gift.repository.js';
import { nextChargeOn, periodOf } from './monthly-schedule.js';

/**
 * A month of a monthly gift, paid: the donation (one per payment intent), booked through
 * DonationRecording, the month's charge SUCCEEDED and the next charge date set. The first month
 * is the Checkout that saved the card (the gift turns ACTIVE); the others are off-session charges,
 * completed by whichever comes first — the charging job or payment_intent.succeeded — once.
 */
@Injectable()
export class MonthlyGiftCompletion {
  constructor(
    private readonly tx: TransactionService,
    private readonly gifts: MonthlyGiftRepository,
    private readonly donations: DonationRepository,
    private readonly recording: DonationRecording,
    private readonly funds: FundRepository,
  ) {}

  /** From a Stripe event of the gift's Checkout (period null) or of one of its charges. */
  async sync(giftId: string, intent: Stripe.PaymentIntent | null, session: Stripe.Checkout.Session | null, period: string | null): Promise<string> {
    if (!intent || intent.status !== 'succeeded') return session?.status === 'expired' ? this.expire(giftId) : 'synced';
    return period ? this.completeCharge(giftId, period, intent) : this.activate(giftId, intent);
  }

  private async expire(giftId: string): Promise<string> {
    return this.tx.run(async () => {
      const gift = await this.gifts.lock(giftId);
      if (!gift) throw DonationsError.monthlyGiftNotFound(giftId);
      if (gift.status === MonthlyGiftStatus.PENDING_SETUP) await this.gifts.update(gift.id, { status: MonthlyGiftStatus.CANCELLED, cancelled_at: new Date(), paused_reason: 'CHECKOUT_EXPIRED' });
      return 'synced';
    });
  }

  private async activate(giftId: string, intent: Stripe.PaymentIntent): Promise<string> {
    return this.tx.run(async () => {
      const gift = await this.gifts.lock(giftId);
      if (!gift) throw DonationsError.monthlyGiftNotFound(giftId);
      const money = moneyOf(intent);
      const period = periodOf(money.receivedOn);
      const charge = (await this.gifts.lockCharge(gift.id, period)) ?? (await this.gifts.insertCharge({ monthlyGiftId: gift.id, period, attempts: 1, amount: gift.amount, status: 'CHARGING', firstAttemptOn: money.receivedOn, paymentIntentId: intent.id }));
      if (gift.status === MonthlyGiftStatus.PENDING_SETUP) {
        const paymentMethod = typeof intent.payment_method === 'string' ? intent.payment_method : (intent.payment_method?.id ?? null);
        await this.gifts.update(gift.id, { status: MonthlyGiftStatus.ACTIVE, payment_method_id: paymentMethod, next_charge_on: nextChargeOn(money.receivedOn, gift.dayOfMonth) });
      }
      await this.record(gift, charge, intent);
      return 'activated';
    });
  }

  /** Off-session charge of `period` succeeded (from the job or the webhook, in any order): recorded once. */
  async completeCharge(giftId: string, period: string, intent: Stripe.PaymentIntent): Promise<string> {
    return this.tx.run(async () => {
      const gift = await this.gifts.lock(giftId);
      if (!gift) throw DonationsError.monthlyGiftNotFound(giftId);
      const charge = await this.gifts.lockCharge(gift.id, period);
      // The job writes the charge row before it asks Stripe: an event without one is not ours to book yet.
      if (!charge) throw DonationsError.unknownDonation(intent.id);
      if (charge.status === 'SUCCEEDED') return 'synced';
      await this.record(gift, charge, intent);
      const next = nextChargeOn(`${period}-01`, gift.dayOfMonth);
      if (gift.nextChargeOn && gift.nextChargeOn < next) await this.gifts.update(gift.id, { next_charge_on: next });
      return 'charged';
    });
  }

  private async record(gift: MonthlyGift, charge: MonthlyGiftCharge, intent: Stripe.PaymentIntent): Promise<void> {
    const money = moneyOf(intent);
    if (money.amount !== charge.amount || intent.currency.toUpperCase() !== gift.currency) {
      throw DonationsError.amountMismatch(intent.id, charge.amount, Money.of(money.amount, intent.currency.toUpperCase()).format('en'));
    }
    let donation = await this.donations.findByPaymentIntent(intent.id);
    if (!donation) {
      donation = (await this.donations.insertIfAbsent({
        donorId: gift.donorId,
        memberId: gift.memberId,
        fundId: gift.fundId,
        branchId: gift.branchId,
        bookId: (await this.funds.findById(gift.fundId))!.bookId,
        amount: charge.amount,
        channel: DonationChannel.MONTHLY,
        status: DonationStatus.PENDING,
        anonymous: gift.anonymous,
        receiptPreference: gift.receiptPreference,
        language: gift.language,
        paymentIntentId: intent.id,
        monthlyGiftId: gift.id,
      }))!;
    }
    const locked = (await this.donations.lock(donation.id))!;
    if (locked.status === DonationStatus.PENDING) {
      await this.recording.succeed(locked, { method: DonationMethod.CARD, fee: money.fee, receivedOn: money.receivedOn, paymentIntentId: intent.id });
    }
    await this.gifts.updateCharge(charge.id, { status: 'SUCCEEDED', payment_intent_id: intent.id, donation_id: donation.id, next_retry_on: null });
  }
}
