import { Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import { AppError, Clock, TransactionService, decodeCursor, type Page } from '#core';
import { BRANCH_OFFICERS, BRANCH_STAFF, Role, type Actor } from '#auth';
import { AuditLog } from '#audit';
import { StripeClient } from '#payments';
import { DonationChannel, DonationMethod, DonationStatus, type DonationLanguage, type ReceiptPreference } from './donation-enums.js';
import { DonationRecording } from './donation-recording.service.js';
import { DonationRepository, type Donation } from './donation.repository.js';
import { DonationsError } from './donations.errors.js';
import { DonorRepository } from './donor.repository.js';
import { requireFundRecorder } from './fund-access.js';
import { OnlineDonations } from './online-donations.service.js';

import { DONATIONS_REASONS as R } from './donations.errors.js';
export interface RecordDonation {
  fundId: string;
  amount: bigint;
  method: DonationMethod.CASH | DonationMethod.BANK_TRANSFER;
  receivedOn: string;
  branchId?: string | null;
  /** A member's gift: the member record gives the donor's name and address. */
  memberId?: string | null;
  donor?: { nameKanji: string; nameKana?: string | null; email?: string | null; postalCode?: string | null; address?: string | null } | null;
  anonymous: boolean;
  receiptPreference: ReceiptPreference;
  language: DonationLanguage;
  reference?: string | null;
  memo?: string | null;
  idempotencyKey?: string | null;
}

/** Treasurer-recorded donations (cash, transfers), lists by role, and refunds of online ones. */
@Injectable()
export class DonationService {
  constructor(
    private readonly tx: TransactionService,
    private readonly donations: DonationRepository,
    private readonly donors: DonorRepository,
    private readonly online: OnlineDonations,
    private readonly recording: DonationRecording,
    private readonly stripe: StripeClient,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async record(actor: Actor, input: RecordDonation): Promise<Donation> {
    const fund = await this.online.openFund(input.fundId);
    requireFundRecorder(actor, fund);
    if (input.receivedOn > this.clock.today()) throw DonationsError.receivedInFuture();
    if (!input.memberId && !input.donor) throw R.DONOR_REQUIRED.at('input.donor');
    if (input.memberId && input.donor) throw R.DONOR_TWICE.at('input.donor');
    if (input.branchId) await this.online.requireBranch(input.branchId);
    if (input.idempotencyKey) {
      const earlier = await this.donations.findByIdempotencyKey(input.idempotencyKey);
      if (earlier) return earlier;
    }
    return this.tx.run(async () => {
      const donor = input.memberId
        ? await this.online.memberDonor(input.memberId, input.language).catch((error: unknown) => {
            if (error instanceof AppError && error.code === 'NOT_FOUND') throw DonationsError.memberNotFoundAt('input.memberId', input.memberId!);
            throw error;
          })
        : await this.donors.named({
            nameKanji: input.donor!.nameKanji.trim(),
            nameKana: input.donor!.nameKana?.trim() || null,
            email: input.donor!.email?.trim() || null,
            postalCode: input.donor!.postalCode?.trim() || null,
            address: input.donor!.address?.trim() || null,
            language: input.language,
          });
      const row = await this.donations.insertIfAbsent({
        donorId: donor.id,
        memberId: input.memberId ?? null,
        fundId: fund.id,
        branchId: input.branchId ?? fund.branchId,
        bookId: fund.bookId,
        amount: input.amount,
        channel: DonationChannel.RECORDED,
        status: DonationStatus.PENDING,
        anonymous: input.anonymous,
        receiptPreference: input.receiptPreference,
        language: input.language,
        reference: input.reference ?? null,
        memo: input.memo ?? null,
        idempotencyKey: input.idempotencyKey ?? null,
        recordedBy: actor.userId,
      });
      if (!row) return (await this.donations.findByIdempotencyKey(input.idempotencyKey!))!;
      const done = await this.recording.succeed(row, { method: input.method, fee: 0n, receivedOn: input.receivedOn });
      await this.audit.record(actor, {
        action: 'donation.record',
        entityType: 'Donation',
        entityId: row.id,
        branchId: row.branchId,
        after: { fundId: fund.id, amount: input.amount.toString(), method: input.method, receivedOn: input.receivedOn },
      });
      return done;
    });
  }

  /** One donation: its donor, federation staff, staff of its branch or of its fund's branch. */
  async get(actor: Actor | undefined, id: string): Promise<Donation> {
    const d = await this.donations.findById(id);
    if (!d || !actor || !(await this.mayRead(actor, d))) throw DonationsError.donationNotFound(id);
    return d;
  }

  /** Staff lists: federation-wide roles see all; branch staff what is credited to, or given to funds of, their branches. */
  list(actor: Actor, filter: { fundId?: string | null; status?: DonationStatus | null }, page: { first: number; after?: string | null }): Promise<Page<Donation>> {
    const scope = actor.branchScope(BRANCH_STAFF);
    return this.donations.page({ branchScope: scope, ...filter }, page.first, page.after);
  }

  mine(actor: Actor, page: { first: number; after?: string | null }): Promise<Page<Donation>> {
    if (!actor.memberId) {
      if (page.after) decodeCursor(page.after, ['timestamp', 'uuid']); // a bad cursor is BAD_USER_INPUT even with nothing to page
      return Promise.resolve({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    }
    return this.donations.page({ branchScope: 'ALL', donorMemberId: actor.memberId }, page.first, page.after);
  }

  /**
   * Refunds an online donation, fully or partly, with the caller's idempotency key; asked of Stripe
   * outside any transaction. The books change when charge.refunded comes (as for a dashboard refund).
   */
  async refund(actor: Actor, r: { donationId: string; amount?: bigint | null; reason: string; idempotencyKey: string }): Promise<Donation> {
    const d = await this.get(actor, r.donationId);
    const fundBranch = (await this.tx.manager.query(`SELECT branch_id FROM funds WHERE id = $1`, [d.fundId]))[0].branch_id as string | null;
    if (!actor.has(Role.FEDERATION_ADMIN) && !(fundBranch && actor.canActOnBranch(fundBranch, BRANCH_OFFICERS))) throw AppError.forbidden();
    if (!d.paymentIntentId || (d.status !== DonationStatus.SUCCEEDED && d.status !== DonationStatus.PARTIALLY_REFUNDED)) throw DonationsError.notRefundable();
    const refundable = d.amount - d.refundedAmount;
    const amount = r.amount ?? refundable;
    if (amount <= 0n) throw DonationsError.refundNotPositive();
    if (amount > refundable) throw DonationsError.refundExceeds(refundable);
    let refund: Stripe.Refund;
    try {
      refund = await this.stripe.api.refunds.create(
        { payment_intent: d.paymentIntentId, amount: Number(amount), reason: 'requested_by_customer', metadata: { donationId: d.id, requestedBy: actor.userId } },
        { idempotencyKey: `rentai-donation-refund-${d.id}-${r.idempotencyKey}` },
      );
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw DonationsError.refundRefused(String((error as Error).message ?? error));
    }
    await this.tx.run(() =>
      this.audit.record(actor, { action: 'donation.refund', entityType: 'Donation', entityId: d.id, branchId: d.branchId, after: { stripeRefundId: refund.id, amount: amount.toString(), reason: r.reason } }),
    );
    return (await this.donations.findById(d.id))!;
  }

  private async mayRead(actor: Actor, d: Donation): Promise<boolean> {
    if (actor.has(Role.MEMBER) && actor.memberId && actor.memberId === d.memberId) return true;
    if (actor.has(Role.FEDERATION_ADMIN, Role.AUDITOR)) return true;
    if (d.branchId && actor.canActOnBranch(d.branchId, BRANCH_OFFICERS)) return true;
    const [fund] = await this.tx.manager.query(`SELECT branch_id FROM funds WHERE id = $1`, [d.fundId]);
    return !!fund?.branch_id && actor.canActOnBranch(fund.branch_id, BRANCH_OFFICERS);
  }
}
