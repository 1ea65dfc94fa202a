import { Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import { Clock, TransactionService } from '#core';
import { AccountCode, LedgerPosting } from '#ledger';
import type { Payment } from '../payment.entity.js';
import { OnlinePaymentFinder } from './online-payment-finder.js';
import { PaymentDispute, PaymentDisputeStatus } from './payment-dispute.entity.js';
import { PaymentTakeBack } from './payment-take-back.service.js';
import { StripeClient } from './stripe-client.js';

/**
 * Disputes (chargebacks), brought to Stripe's current state of the dispute whatever event came
 * (charge.dispute.created / .updated / .closed, in any order, any number of times):
 * - open: the amount moves from Stripe clearing to the disputes account (1350) and the payment
 *   shows as disputed;
 * - won: it moves back;
 * - lost: it is written off like a refund, from the disputes account (PaymentTakeBack: the
 *   invoice reopens).
 * Each step is posted once (its own idempotency key, the row locked).
 */
@Injectable()
export class StripeDisputes {
  constructor(
    private readonly tx: TransactionService,
    private readonly stripe: StripeClient,
    private readonly finder: OnlinePaymentFinder,
    private readonly ledger: LedgerPosting,
    private readonly takeBack: PaymentTakeBack,
    private readonly clock: Clock,
  ) {}

  async sync(disputeId: string, ours: boolean): Promise<'unknown' | PaymentDisputeStatus> {
    const dispute = await this.stripe.api.disputes.retrieve(disputeId, { expand: ['charge'] });
    const charge = typeof dispute.charge === 'object' ? dispute.charge : null;
    const intentId = typeof dispute.payment_intent === 'string' ? dispute.payment_intent : (dispute.payment_intent?.id ?? (typeof charge?.payment_intent === 'string' ? charge.payment_intent : null));
    if (!intentId) return 'unknown';
    const payment = await this.finder.require(intentId, ours || charge?.metadata?.kind === 'dues');
    if (!payment) return 'unknown';
    return this.tx.run(async () => {
      await this.tx.manager.query(
        `INSERT INTO payment_disputes (payment_id, stripe_dispute_id, amount, currency, status, reason) VALUES ($1, $2, $3, $4, 'OPEN', $5)
         ON CONFLICT (stripe_dispute_id) DO NOTHING`,
        [payment.id, dispute.id, dispute.amount, dispute.currency.toUpperCase(), dispute.reason ?? null],
      );
      const row = (await this.tx.repository(PaymentDispute).createQueryBuilder('d').setLock('pessimistic_write').where('d.stripe_dispute_id = :id', { id: dispute.id }).getOne())!;
      if (!row.openedEntryId) {
        const opened = await this.move(payment, row, 'open', AccountCode.StripeDisputes, AccountCode.StripeClearing, `チャージバック / dispute opened ${dispute.id} (${dispute.reason})`);
        await this.tx.repository(PaymentDispute).update({ id: row.id }, { openedEntryId: opened });
      }
      if (row.status !== PaymentDisputeStatus.OPEN) return row.status;
      return this.close(payment, row, dispute);
    });
  }

  /** Disputes of a payment, oldest first. */
  listForPayment(paymentId: string): Promise<PaymentDispute[]> {
    return this.tx.repository(PaymentDispute).find({ where: { paymentId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  private async close(payment: Payment, row: PaymentDispute, dispute: Stripe.Dispute): Promise<PaymentDisputeStatus> {
    if (dispute.status === 'won') {
      const entry = await this.move(payment, row, 'won', AccountCode.StripeClearing, AccountCode.StripeDisputes, `チャージバック勝訴 / dispute won ${dispute.id}`);
      await this.tx.repository(PaymentDispute).update({ id: row.id }, { status: PaymentDisputeStatus.WON, closedEntryId: entry, closedAt: this.clock.now() });
      return PaymentDisputeStatus.WON;
    }
    if (dispute.status === 'lost') {
      const booked = await this.takeBack.takeBack(payment, {
        amount: row.amount,
        idempotencyKey: `dispute:${dispute.id}:lost`,
        memo: `チャージバック敗訴 / dispute lost ${dispute.id}`,
        moneyAccount: AccountCode.StripeDisputes,
      });
      await this.tx.repository(PaymentDispute).update({ id: row.id }, { status: PaymentDisputeStatus.LOST, closedEntryId: booked.entryId, unapplied: booked.unapplied, closedAt: this.clock.now() });
      return PaymentDisputeStatus.LOST;
    }
    return PaymentDisputeStatus.OPEN;
  }

  private async move(payment: Payment, row: PaymentDispute, step: string, debit: string, credit: string, memo: string): Promise<string> {
    const posted = await this.ledger.post({
      bookId: payment.bookId,
      entryDate: this.clock.today(),
      source: 'PAYMENT',
      sourceId: payment.id,
      idempotencyKey: `dispute:${row.stripeDisputeId}:${step}`,
      memo,
      currency: payment.currency,
      lines: [
        { accountCode: debit, side: 'DEBIT', amount: row.amount },
        { accountCode: credit, side: 'CREDIT', amount: row.amount },
      ],
    });
    return posted.entryId;
  }
}
