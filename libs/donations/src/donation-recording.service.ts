import { Injectable } from '@nestjs/common';
import { DomainEvents, TransactionService } from '#core';
import { AccountCode, LedgerPosting } from '#ledger';
import { DonationMethod, DonationStatus } from './donation-enums.js';
import { onlineDonationLines, recordedDonationLines, refundLines, refundedStatus } from './donation-postings.js';
import type { Donation } from './donation.repository.js';
import { DonationRepository } from './donation.repository.js';
import { DonorRepository } from './donor.repository.js';
import type { Fund } from './fund.repository.js';
import { FundRepository } from './fund.repository.js';

export interface MoneyIn {
  method: DonationMethod;
  /** What the channel kept (Stripe's fee); 0 for cash and transfers. */
  fee: bigint;
  receivedOn: string;
  paymentIntentId?: string | null;
}

/**
 * The one way a donation's money is booked, whatever the channel (Checkout, a monthly charge, a
 * treasurer's cash): the journal entry in the fund's book (idempotency key per donation), the
 * donation SUCCEEDED, and `donation.succeeded` published — all in the caller's transaction.
 * Refunds reverse the refunded part once per Stripe refund id; a lost dispute the same way
 * (`takeBack`, from the disputes account).
 */
@Injectable()
export class DonationRecording {
  constructor(
    private readonly tx: TransactionService,
    private readonly ledger: LedgerPosting,
    private readonly events: DomainEvents,
    private readonly donations: DonationRepository,
    private readonly donors: DonorRepository,
    private readonly funds: FundRepository,
  ) {}

  /** `donation` locked by the caller and not yet SUCCEEDED. */
  async succeed(donation: Donation, money: MoneyIn): Promise<Donation> {
    const fund = (await this.funds.findById(donation.fundId))!;
    const online = money.method === DonationMethod.CARD || money.method === DonationMethod.KONBINI;
    const posted = await this.ledger.post({
      bookId: fund.bookId,
      entryDate: money.receivedOn,
      source: 'DONATION',
      sourceId: donation.id,
      idempotencyKey: `donation:${donation.id}`,
      memo: `寄附 ${fund.nameJa} / donation to ${fund.nameEn}`,
      currency: donation.currency,
      lines: online ? onlineDonationLines(fund, donation.amount, money.fee) : recordedDonationLines(fund, donation.amount, money.method as 'CASH' | 'BANK_TRANSFER'),
    });
    await this.donations.update(donation.id, {
      status: DonationStatus.SUCCEEDED,
      method: money.method,
      fee: money.fee.toString(),
      received_on: money.receivedOn,
      journal_entry_id: posted.entryId,
      ...(money.paymentIntentId && { payment_intent_id: money.paymentIntentId }),
    });
    await this.publishSucceeded(donation, fund, money.receivedOn);
    return (await this.donations.findById(donation.id))!;
  }

  /**
   * One succeeded Stripe refund of an online donation: the refunded part reversed (Dr income / Cr
   * Stripe clearing), the donation PARTIALLY_REFUNDED or REFUNDED, `donation.refunded` published.
   * Once per refund id; false when it was booked before.
   */
  async refund(donationId: string, stripeRefundId: string, amount: bigint, today: string): Promise<boolean> {
    const donation = (await this.donations.lock(donationId))!;
    const [known] = await this.tx.manager.query(`SELECT 1 FROM donation_refunds WHERE stripe_refund_id = $1`, [stripeRefundId]);
    if (known) return false;
    const entryId = await this.takeBack(donation, {
      amount,
      today,
      source: 'REFUND',
      idempotencyKey: `donation-refund:${stripeRefundId}`,
      memo: `寄附の返金 / donation refund ${stripeRefundId}`,
      from: AccountCode.StripeClearing,
      eventKey: stripeRefundId,
    });
    await this.tx.manager.query(`INSERT INTO donation_refunds (donation_id, stripe_refund_id, amount, journal_entry_id) VALUES ($1, $2, $3, $4)`, [
      donation.id, stripeRefundId, amount.toString(), entryId,
    ]);
    return true;
  }

  /**
   * Money of a settled online donation gone back to the payer (a refund, a lost dispute): the part
   * reversed from `from` (Dr the fund's income / Cr Stripe clearing, or the disputes account), the
   * refunded amount raised, the donation PARTIALLY_REFUNDED or REFUNDED (DISPUTED while a dispute is
   * still open), `donation.refunded` published so receipts void or reissue. `donation` locked by the caller.
   */
  async takeBack(
    donation: Donation,
    t: { amount: bigint; today: string; source: 'REFUND' | 'DONATION'; idempotencyKey: string; memo: string; from: string; eventKey: string },
  ): Promise<string> {
    const fund = (await this.funds.findById(donation.fundId))!;
    const refunded = donation.refundedAmount + t.amount;
    if (refunded > donation.amount) throw new Error(`Refunds of donation ${donation.id} exceed its amount`);
    const posted = await this.ledger.post({
      bookId: fund.bookId,
      entryDate: t.today,
      source: t.source,
      sourceId: donation.id,
      idempotencyKey: t.idempotencyKey,
      memo: t.memo,
      currency: donation.currency,
      lines: refundLines(fund, t.amount, t.from),
    });
    const status = refundedStatus(donation.amount, refunded);
    await this.donations.update(donation.id, { refunded_amount: refunded.toString(), status: (await this.disputeOpen(donation.id)) ? DonationStatus.DISPUTED : status });
    await this.events.publish(
      'donation.refunded',
      { donationId: donation.id, refundedAmountYen: Number(refunded), fullyRefunded: status === DonationStatus.REFUNDED },
      `donation-refunded.${donation.id}.${t.eventKey.replace(/[^A-Za-z0-9_-]/g, '')}`,
    );
    return posted.entryId;
  }

  /** Whether a dispute of the donation's charge is still open. */
  async disputeOpen(donationId: string): Promise<boolean> {
    const [open] = await this.tx.manager.query(`SELECT 1 FROM donation_disputes WHERE donation_id = $1 AND status = 'OPEN' LIMIT 1`, [donationId]);
    return !!open;
  }

  private async publishSucceeded(donation: Donation, fund: Fund, receivedOn: string): Promise<void> {
    const donor = (await this.donors.findById(donation.donorId))!;
    await this.events.publish(
      'donation.succeeded',
      {
        donationId: donation.id,
        donorId: donor.id,
        memberId: donation.memberId,
        bookId: fund.bookId,
        fundId: fund.id,
        fundNameJa: fund.nameJa,
        fundNameEn: fund.nameEn,
        restricted: fund.restricted,
        amountYen: Number(donation.amount),
        receivedOn,
        receiptPreference: donation.receiptPreference,
        monthlyGiftId: donation.monthlyGiftId,
        donorNameKanji: donor.nameKanji,
        donorNameKana: donor.nameKana,
        donorEmail: donor.email,
        donorPostalCode: donor.postalCode,
        donorAddress: donor.address,
        language: donation.language,
      },
      `donation-succeeded.${donation.id}`,
    );
  }
}
