import { Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import { Clock, TransactionService } from '#core';
import { AccountCode, LedgerPosting } from '#ledger';
import { StripeClient } from '#payments';
import { DonationDisputeStatus, DonationStatus } from './donation-enums.js';
import { disputeHoldLines, refundedStatus } from './donation-postings.js';
import { DonationRecording } from './donation-recording.service.js';
import type { Donation } from './donation.repository.js';
import { DonationRepository } from './donation.repository.js';
import { DonationsError } from './donations.errors.js';
import { FundRepository } from './fund.repository.js';

const SETTLED = new Set<string>([DonationStatus.SUCCEEDED, DonationStatus.PARTIALLY_REFUNDED, DonationStatus.REFUNDED, DonationStatus.DISPUTED]);

/** What the books need of a Stripe dispute (Stripe's current state of it). */
export type DisputeState = Pick<Stripe.Dispute, 'id' | 'amount' | 'reason' | 'status'>;

interface DisputeRow {
  id: string;
  status: DonationDisputeStatus;
  amount: string;
  opened_entry_id: string | null;
}

/**
 * Disputes (chargebacks) of a donation's charge, booked as the dues path books them (StripeDisputes
 * in #payments), brought to Stripe's current state of the dispute whatever event came
 * (charge.dispute.created / .updated / .closed, in any order, any number of times):
 * - open: Dr Stripe disputes 1350 / Cr Stripe clearing, the donation DISPUTED;
 * - won: it moves back, the donation as before (SUCCEEDED, or PARTIALLY_REFUNDED);
 * - lost: the fund's income reversed from the disputes account like a refund (DonationRecording.takeBack:
 *   refunded raised, `donation.refunded` published so receipts void).
 * One `donation_disputes` row per Stripe dispute id, locked; each step posted once (its own key).
 */
@Injectable()
export class DonationDisputes {
  constructor(
    private readonly tx: TransactionService,
    private readonly stripe: StripeClient,
    private readonly donations: DonationRepository,
    private readonly funds: FundRepository,
    private readonly recording: DonationRecording,
    private readonly ledger: LedgerPosting,
    private readonly clock: Clock,
  ) {}

  /** 'unknown' when the disputed charge is not a donation's. */
  async sync(disputeId: string): Promise<'unknown' | DonationDisputeStatus> {
    const dispute = await this.stripe.api.disputes.retrieve(disputeId, { expand: ['charge'] });
    const charge = typeof dispute.charge === 'object' ? dispute.charge : null;
    const intentId =
      typeof dispute.payment_intent === 'string' ? dispute.payment_intent : (dispute.payment_intent?.id ?? (typeof charge?.payment_intent === 'string' ? charge.payment_intent : null));
    if (!intentId) return 'unknown';
    const found = await this.donations.findByPaymentIntent(intentId);
    if (!found) {
      // A donation's charge whose payment is not recorded yet: wait and retry.
      if (charge?.metadata?.purpose === 'donation') throw DonationsError.unknownDonation(intentId);
      return 'unknown';
    }
    return this.book(found.id, dispute);
  }

  /** Books the donation to the dispute's state (open, won, lost), each step once. */
  book(donationId: string, dispute: DisputeState): Promise<DonationDisputeStatus> {
    return this.tx.run(async () => {
      const donation = (await this.donations.lock(donationId))!;
      if (!SETTLED.has(donation.status)) throw DonationsError.unknownDonation(donation.paymentIntentId ?? donation.id);
      await this.tx.manager.query(
        `INSERT INTO donation_disputes (donation_id, stripe_dispute_id, amount, status, reason) VALUES ($1, $2, $3, 'OPEN', $4)
         ON CONFLICT (stripe_dispute_id) DO NOTHING`,
        [donation.id, dispute.id, dispute.amount, dispute.reason ?? null],
      );
      const [row]: DisputeRow[] = await this.tx.manager.query(`SELECT id, status, amount::text AS amount, opened_entry_id FROM donation_disputes WHERE stripe_dispute_id = $1 FOR UPDATE`, [
        dispute.id,
      ]);
      const amount = BigInt(row.amount);
      if (!row.opened_entry_id) {
        const opened = await this.hold(donation, dispute.id, amount, 'open', `寄附のチャージバック / donation dispute opened ${dispute.id} (${dispute.reason})`);
        await this.tx.manager.query(`UPDATE donation_disputes SET opened_entry_id = $2 WHERE id = $1`, [row.id, opened]);
        await this.donations.update(donation.id, { status: DonationStatus.DISPUTED, dispute_status: DonationDisputeStatus.OPEN });
      }
      if (row.status !== DonationDisputeStatus.OPEN) return row.status;
      return this.close(donation.id, row.id, amount, dispute);
    });
  }

  private async close(donationId: string, rowId: string, amount: bigint, dispute: DisputeState): Promise<DonationDisputeStatus> {
    if (dispute.status !== 'won' && dispute.status !== 'lost') return DonationDisputeStatus.OPEN;
    const donation = (await this.donations.lock(donationId))!;
    const outcome = dispute.status === 'won' ? DonationDisputeStatus.WON : DonationDisputeStatus.LOST;
    // Closed first, so the donation's status below no longer counts this dispute as open.
    await this.tx.manager.query(`UPDATE donation_disputes SET status = $2, closed_at = $3 WHERE id = $1`, [rowId, outcome, this.clock.now()]);
    let entryId: string;
    if (outcome === DonationDisputeStatus.WON) {
      entryId = await this.hold(donation, dispute.id, amount, 'won', `寄附のチャージバック勝訴 / donation dispute won ${dispute.id}`);
      const open = await this.recording.disputeOpen(donation.id);
      await this.donations.update(donation.id, { status: open ? DonationStatus.DISPUTED : refundedStatus(donation.amount, donation.refundedAmount) });
    } else {
      entryId = await this.recording.takeBack(donation, {
        amount,
        today: this.clock.today(),
        source: 'REFUND',
        idempotencyKey: `donation-dispute:${dispute.id}:lost`,
        memo: `寄附のチャージバック敗訴 / donation dispute lost ${dispute.id}`,
        from: AccountCode.StripeDisputes,
        eventKey: dispute.id,
      });
    }
    await this.tx.manager.query(`UPDATE donation_disputes SET closed_entry_id = $2 WHERE id = $1`, [rowId, entryId]);
    await this.donations.update(donation.id, { dispute_status: outcome });
    return outcome;
  }

  private async hold(donation: Donation, disputeId: string, amount: bigint, step: 'open' | 'won', memo: string): Promise<string> {
    const fund = (await this.funds.findById(donation.fundId))!;
    const posted = await this.ledger.post({
      bookId: fund.bookId,
      entryDate: this.clock.today(),
      source: 'DONATION',
      sourceId: donation.id,
      idempotencyKey: `donation-dispute:${disputeId}:${step}`,
      memo,
      currency: donation.currency,
      lines: disputeHoldLines(amount, step),
    });
    return posted.entryId;
  }
}
