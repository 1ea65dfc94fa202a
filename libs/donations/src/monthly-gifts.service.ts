import { Injectable } from '@nestjs/common';
import { AppConfig, Clock, TransactionService } from '#core';
import { BRANCH_OFFICERS, FUND_MANAGERS, Role, type Actor } from '#auth';
import { AuditLog } from '#audit';
import { PayerDirectory, StripeClient, StripeCustomers } from '#payments';
import { MonthlyGiftStatus, type DonationLanguage, type ReceiptPreference } from './donation-enums.js';
import { DonationsError } from './donations.errors.js';
import { MONTHLY_MINIMUM_JPY, ONLINE_MAXIMUM_JPY, OnlineDonations } from './online-donations.service.js';
import { MonthlyGiftRepository, type MonthlyGift } from './monthly-gift.repository.js';
import { chargeDayOf, nextChargeOn } from './monthly-schedule.js';

export interface StartMonthlyGift {
  fundId: string;
  amount: bigint;
  branchId?: string | null;
  anonymous: boolean;
  receiptPreference: ReceiptPreference;
  language: DonationLanguage;
}

/**
 * Monthly gifts (毎月の寄附) on a saved card, for signed-in members: the first month through
 * Checkout (card, saved with setup_future_usage = off_session on the member's one Stripe
 * customer), the following months by the worker (MonthlyGiftCharging). The donor (or a federation
 * admin, or staff of the credited branch) pauses, resumes, changes the amount or cancels.
 */
@Injectable()
export class MonthlyGifts {
  constructor(
    private readonly tx: TransactionService,
    private readonly stripe: StripeClient,
    private readonly customers: StripeCustomers,
    private readonly payers: PayerDirectory,
    private readonly online: OnlineDonations,
    private readonly gifts: MonthlyGiftRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async start(actor: Actor, input: StartMonthlyGift): Promise<MonthlyGift> {
    const stripe = this.stripe.api;
    const memberId = actor.memberId;
    if (!actor.has(Role.MEMBER) || !memberId) throw DonationsError.monthlyGiftMembersOnly();
    const fund = await this.online.openFund(input.fundId);
    this.checkAmount(input.amount);
    if (input.branchId) await this.online.requireBranch(input.branchId);
    const customer = await this.customers.ensure(memberId);
    const gift = await this.tx.run(async () => {
      const donor = await this.online.memberDonor(memberId, input.language);
      const row = await this.gifts.insert({
        donorId: donor.id,
        memberId,
        fundId: fund.id,
        branchId: input.branchId ?? (await this.payers.get(memberId)).branchId,
        amount: input.amount,
        anonymous: input.anonymous,
        receiptPreference: input.receiptPreference,
        dayOfMonth: chargeDayOf(this.clock.today()),
        customerId: customer,
        language: input.language,
      });
      await this.audit.record(actor, { action: 'monthly_gift.start', entityType: 'MonthlyGift', entityId: row.id, branchId: row.branchId, after: { fundId: fund.id, amount: input.amount.toString() } });
      return row;
    });
    const base = this.config.publicUrl.replace(/\/+$/, '');
    const metadata = { purpose: 'donation', monthlyGiftId: gift.id, fundId: fund.id };
    const session = await stripe.checkout.sessions.create(
      {
        mode: 'payment',
        customer,
        client_reference_id: gift.id,
        // A saved card is charged off-session; a konbini voucher cannot be.
        allowed_payment_method_types: ['card'],
        line_items: [{ quantity: 1, price_data: { currency: 'jpy', unit_amount: Number(input.amount), product_data: { name: `毎月の寄附 Monthly gift: ${fund.nameJa} / ${fund.nameEn}` } } }],
        metadata,
        payment_intent_data: { metadata, setup_future_usage: 'off_session' },
        locale: input.language,
        success_url: `${base}/portal/donations/monthly/${gift.id}?checkout=success`,
        cancel_url: `${base}/portal/donations/monthly/${gift.id}?checkout=cancelled`,
      },
      { idempotencyKey: `rentai-monthly-gift-${gift.id}` },
    );
    await this.tx.run(() => this.gifts.update(gift.id, { checkout_session_id: session.id, checkout_url: session.url ?? '' }));
    return (await this.gifts.findById(gift.id))!;
  }

  async get(actor: Actor, id: string): Promise<MonthlyGift> {
    const gift = await this.gifts.findById(id);
    if (!gift || !this.mayRead(actor, gift)) throw DonationsError.monthlyGiftNotFound(id);
    return gift;
  }

  async listMine(actor: Actor): Promise<MonthlyGift[]> {
    return actor.memberId ? this.gifts.listForMember(actor.memberId) : [];
  }

  pause(actor: Actor, id: string): Promise<MonthlyGift> {
    return this.change(actor, id, 'monthly_gift.pause', (g) => {
      if (g.status !== MonthlyGiftStatus.ACTIVE) throw DonationsError.giftStatus('一時停止', g.status);
      return { status: MonthlyGiftStatus.PAUSED, paused_reason: 'BY_DONOR' };
    });
  }

  resume(actor: Actor, id: string): Promise<MonthlyGift> {
    return this.change(actor, id, 'monthly_gift.resume', (g) => {
      if (g.status !== MonthlyGiftStatus.PAUSED) throw DonationsError.giftStatus('再開', g.status);
      const today = this.clock.today();
      // Charged again from the next charge day that has not passed; a missed month is not charged late.
      let next = g.nextChargeOn ?? today;
      while (next < today) next = nextChargeOn(next, g.dayOfMonth);
      return { status: MonthlyGiftStatus.ACTIVE, paused_reason: null, next_charge_on: next };
    });
  }

  changeAmount(actor: Actor, id: string, amount: bigint): Promise<MonthlyGift> {
    this.checkAmount(amount, 'amount');
    return this.change(actor, id, 'monthly_gift.change_amount', (g) => {
      if (g.status === MonthlyGiftStatus.CANCELLED) throw DonationsError.giftStatus('変更', g.status);
      return { amount: amount.toString() };
    });
  }

  cancel(actor: Actor, id: string): Promise<MonthlyGift> {
    return this.change(actor, id, 'monthly_gift.cancel', (g) => {
      if (g.status === MonthlyGiftStatus.CANCELLED) throw DonationsError.giftStatus('変更', g.status);
      return { status: MonthlyGiftStatus.CANCELLED, cancelled_at: this.clock.now(), next_charge_on: null };
    });
  }

  private checkAmount(amount: bigint, field = 'input.amount'): void {
    if (amount < MONTHLY_MINIMUM_JPY) throw DonationsError.belowMinimum(field, MONTHLY_MINIMUM_JPY);
    if (amount > ONLINE_MAXIMUM_JPY) throw DonationsError.aboveMaximum(field, ONLINE_MAXIMUM_JPY);
  }

  private async change(actor: Actor, id: string, action: string, apply: (g: MonthlyGift) => Record<string, unknown>): Promise<MonthlyGift> {
    return this.tx.run(async () => {
      const gift = await this.gifts.lock(id);
      if (!gift || !this.mayRead(actor, gift)) throw DonationsError.monthlyGiftNotFound(id);
      if (!this.mayChange(actor, gift)) throw DonationsError.notYours();
      const set = apply(gift);
      await this.gifts.update(id, set);
      const after = (await this.gifts.findById(id))!;
      await this.audit.record(actor, {
        action,
        entityType: 'MonthlyGift',
        entityId: id,
        branchId: gift.branchId,
        before: { status: gift.status, amount: gift.amount.toString() },
        after: { status: after.status, amount: after.amount.toString() },
      });
      return after;
    });
  }

  private mayRead(actor: Actor, gift: MonthlyGift): boolean {
    if (actor.has(Role.MEMBER) && actor.memberId === gift.memberId) return true;
    if (actor.has(Role.FEDERATION_ADMIN, Role.AUDITOR)) return true;
    return !!gift.branchId && actor.canActOnBranch(gift.branchId, BRANCH_OFFICERS);
  }

  /** The donor; federation admins; admins of the credited branch (never the auditor). */
  private mayChange(actor: Actor, gift: MonthlyGift): boolean {
    if (actor.has(Role.MEMBER) && actor.memberId === gift.memberId) return true;
    if (actor.has(Role.FEDERATION_ADMIN)) return true;
    return !!gift.branchId && actor.canActOnBranch(gift.branchId, FUND_MANAGERS);
  }
}
