import { Injectable } from '@nestjs/common';
import { AppConfig, AppError, TransactionService } from '#core';
import { Role, type Actor } from '#auth';
import { AuditLog } from '#audit';
import { BookService } from '#ledger';
import { KONBINI_EXPIRES_AFTER_DAYS, PayerDirectory, StripeClient, StripeCustomers } from '#payments';
import { DonationChannel, DonationStatus, type DonationLanguage, type ReceiptPreference } from './donation-enums.js';
import type { Donation } from './donation.repository.js';
import { DonationRepository } from './donation.repository.js';
import { DonationsError } from './donations.errors.js';
import { DonorRepository, type Donor } from './donor.repository.js';
import type { Fund } from './fund.repository.js';
import { FundService } from './funds.service.js';
import { GuestDonationGuard } from './guest-donation-guard.js';

/** Card testers try small amounts: a guest gives at least this online. */
export const GUEST_MINIMUM_JPY = 1000n;
/** A signed-in member's smallest online gift (above Stripe's ¥50). */
export const MEMBER_MINIMUM_JPY = 500n;
export const ONLINE_MAXIMUM_JPY = 1_000_000n;
/** A monthly gift's smallest amount. */
export const MONTHLY_MINIMUM_JPY = 500n;

export interface GuestDetails {
  nameKanji: string;
  nameKana: string;
  email: string;
  postalCode: string;
  address: string;
}

export interface StartDonation {
  fundId: string;
  amount: bigint;
  branchId?: string | null;
  anonymous: boolean;
  receiptPreference: ReceiptPreference;
  guest?: GuestDetails | null;
  language: DonationLanguage;
}

/**
 * One-time donations online: the donation row first (PENDING), then a Stripe Checkout session
 * (card or konbini, JPY) with `metadata.purpose = donation` and an idempotency key per donation,
 * so a crash after Stripe's answer leaves a row Stripe's events can find. Members give as their
 * one Stripe customer; guests through Checkout only (no card data reaches us), rate-limited.
 */
@Injectable()
export class OnlineDonations {
  constructor(
    private readonly tx: TransactionService,
    private readonly stripe: StripeClient,
    private readonly customers: StripeCustomers,
    private readonly payers: PayerDirectory,
    private readonly funds: FundService,
    private readonly donors: DonorRepository,
    private readonly donations: DonationRepository,
    private readonly books: BookService,
    private readonly guard: GuestDonationGuard,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
  ) {}

  async start(actor: Actor | undefined, input: StartDonation, ip: string): Promise<Donation> {
    const stripe = this.stripe.api;
    const member = actor?.has(Role.MEMBER) && actor.memberId ? actor.memberId : null;
    const fund = await this.openFund(input.fundId);
    if (member && input.guest) throw DonationsError.guestDetailsNotAllowed();
    if (!member && !input.guest) throw DonationsError.guestDetailsRequired('input.guest');
    const minimum = member ? MEMBER_MINIMUM_JPY : GUEST_MINIMUM_JPY;
    if (input.amount < minimum) throw DonationsError.belowMinimum('input.amount', minimum);
    if (input.amount > ONLINE_MAXIMUM_JPY) throw DonationsError.aboveMaximum('input.amount', ONLINE_MAXIMUM_JPY);
    if (input.branchId) await this.requireBranch(input.branchId);
    if (!member) await this.guard.admit(ip, input.guest!.email);
    const customer = member ? await this.customers.ensure(member) : null;

    const donation = await this.tx.run(async () => {
      const donor = member ? await this.memberDonor(member, input.language) : await this.donors.forGuest({ ...input.guest!, language: input.language });
      const row = (await this.donations.insertIfAbsent({
        donorId: donor.id,
        memberId: member,
        fundId: fund.id,
        branchId: input.branchId ?? (member ? (await this.payers.get(member)).branchId : null),
        bookId: fund.bookId,
        amount: input.amount,
        channel: DonationChannel.ONLINE,
        status: DonationStatus.PENDING,
        anonymous: input.anonymous,
        receiptPreference: input.receiptPreference,
        language: input.language,
      }))!;
      await this.audit.record(actor ?? guestActor(donor), {
        action: 'donation.start',
        entityType: 'Donation',
        entityId: row.id,
        branchId: row.branchId,
        after: { fundId: fund.id, amount: input.amount.toString(), guest: !member },
      });
      return row;
    });

    const base = this.config.publicUrl.replace(/\/+$/, '');
    const metadata = { purpose: 'donation', donationId: donation.id, fundId: fund.id };
    const session = await stripe.checkout.sessions.create(
      {
        mode: 'payment',
        ...(customer ? { customer } : { customer_email: input.guest!.email.trim() }),
        client_reference_id: donation.id,
        allowed_payment_method_types: ['card', 'konbini'],
        payment_method_options: { konbini: { expires_after_days: KONBINI_EXPIRES_AFTER_DAYS } },
        line_items: [{ quantity: 1, price_data: { currency: 'jpy', unit_amount: Number(input.amount), product_data: { name: `寄附 Donation: ${fund.nameJa} / ${fund.nameEn}` } } }],
        metadata,
        payment_intent_data: { metadata },
        locale: input.language,
        success_url: `${base}/portal/donations/${donation.id}?checkout=success`,
        cancel_url: `${base}/portal/donations/${donation.id}?checkout=cancelled`,
      },
      { idempotencyKey: `rentai-donation-${donation.id}` },
    );
    await this.tx.run(() =>
      this.donations.update(donation.id, {
        checkout_session_id: session.id,
        checkout_url: session.url ?? '',
        ...(typeof session.payment_intent === 'string' && { payment_intent_id: session.payment_intent }),
      }),
    );
    return (await this.donations.findById(donation.id))!;
  }

  /** The donor row of a member (the member record's name, kana, address). */
  async memberDonor(memberId: string, language: DonationLanguage): Promise<Donor> {
    const m = await this.payers.get(memberId);
    return this.donors.forMember(memberId, { nameKanji: m.name, nameKana: m.nameKana, email: m.email, postalCode: m.postalCode, address: m.address, language });
  }

  async openFund(fundId: string, field = 'input.fundId'): Promise<Fund> {
    const fund = await this.funds.get(fundId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'NOT_FOUND') throw DonationsError.fundNotFoundAt(field, fundId);
      throw error;
    });
    if (!fund.open) throw DonationsError.fundClosed(field);
    return fund;
  }

  async requireBranch(branchId: string, field = 'input.branchId'): Promise<void> {
    await this.books.bookForBranch(branchId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'NOT_FOUND') throw DonationsError.branchNotFoundAt(field, branchId);
      throw error;
    });
  }
}

/** The audit trail's actor for a guest: no user, the donor's name. */
function guestActor(donor: Donor) {
  return { userId: '00000000-0000-0000-0000-000000000000', email: donor.email ?? 'guest', displayName: `guest donor ${donor.id}` };
}
