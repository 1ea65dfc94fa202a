import { Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import { AppError, Money, TransactionService } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { PaymentStatus } from '../payment.entity.js';
import { PaymentMethod } from '../payment-method.js';
import { PaymentRepository } from '../payment.repository.js';
import { PaymentsError } from '../payments.errors.js';
import { requireWriter } from '../payment-access.js';
import { OnlinePaymentFinder } from './online-payment-finder.js';
import { OnlinePaymentsError } from './online-payments.errors.js';
import { PaymentRefund, PaymentRefundStatus } from './payment-refund.entity.js';
import { PaymentTakeBack } from './payment-take-back.service.js';
import { StripeClient } from './stripe-client.js';

import { ONLINE_PAYMENTS_REASONS as R } from './online-payments.errors.js';
export interface RefundRequest {
  paymentId: string;
  /** Minor units; the whole refundable rest when absent. */
  amount?: bigint | null;
  reason: string;
  /** The caller's key: a retried request makes no second refund (Stripe replays the first answer). */
  idempotencyKey: string;
}

/** Stripe's refund status in our words: konbini refunds wait for the payer's bank details. */
export function refundStatus(refund: Pick<Stripe.Refund, 'status'>): PaymentRefundStatus {
  switch (refund.status) {
    case 'succeeded':
      return PaymentRefundStatus.SUCCEEDED;
    case 'requires_action':
      return PaymentRefundStatus.AWAITING_BANK_DETAILS;
    case 'failed':
    case 'canceled':
      return PaymentRefundStatus.FAILED;
    default:
      return PaymentRefundStatus.PENDING;
  }
}

/**
 * Refunds of online payments. Ours (`request`): checked, then asked of Stripe with an idempotency
 * key *outside* any transaction, then recorded. Call-then-record, not an outbox row first: the
 * caller learns at once whether Stripe accepted (a konbini refund answers "awaiting bank details"),
 * and nothing is lost if we crash after the call, because the refund also arrives as
 * charge.refunded and `syncCharge` records it from Stripe's list (one row per Stripe refund id),
 * while a retry with the same key gets Stripe's first answer back. The books change only in
 * `syncCharge`, for ours and for dashboard refunds alike, once per Stripe refund id.
 */
@Injectable()
export class StripeRefunds {
  constructor(
    private readonly tx: TransactionService,
    private readonly stripe: StripeClient,
    private readonly payments: PaymentRepository,
    private readonly finder: OnlinePaymentFinder,
    private readonly takeBack: PaymentTakeBack,
    private readonly audit: AuditLog,
  ) {}

  async request(actor: Actor, r: RefundRequest): Promise<PaymentRefund> {
    const reason = r.reason.trim();
    const key = r.idempotencyKey.trim();
    const payment = await this.payments.findById(r.paymentId);
    if (!payment) throw AppError.notFound('Payment', r.paymentId);
    requireWriter(actor, payment.branchId);
    if (!reason) throw R.REFUND_REASON_REQUIRED.at('reason');
    if (!key || key.length > 200) throw R.IDEMPOTENCY_KEY_INVALID.at('idempotencyKey');
    if ((payment.method !== PaymentMethod.CARD && payment.method !== PaymentMethod.KONBINI) || !payment.reference?.startsWith('pi_')) {
      throw OnlinePaymentsError.notOnlinePayment('paymentId');
    }
    if (payment.status === PaymentStatus.VOIDED) throw PaymentsError.alreadyVoided(payment.id);
    const refundable = await this.refundable(payment.id, payment.amount);
    const amount = r.amount ?? refundable;
    if (refundable === 0n || amount > refundable) throw OnlinePaymentsError.refundExceedsRefundable('amount', refundable, payment.currency);
    if (amount <= 0n) throw OnlinePaymentsError.refundNotPositive('amount');

    let refund: Stripe.Refund;
    try {
      refund = await this.stripe.api.refunds.create(
        { payment_intent: payment.reference, amount: Number(amount), reason: 'requested_by_customer', metadata: { paymentId: payment.id, requestedBy: actor.userId } },
        { idempotencyKey: `rentai-refund-${payment.id}-${key}` },
      );
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw OnlinePaymentsError.refundRefused(String((error as Error).message ?? error));
    }
    return this.tx.run(async () => {
      await this.upsert(payment.id, refund, { reason, requestedBy: actor.userId });
      const row = (await this.tx.repository(PaymentRefund).findOneBy({ stripeRefundId: refund.id }))!;
      await this.audit.record(actor, {
        action: 'payment.refund',
        entityType: 'Payment',
        entityId: payment.id,
        branchId: payment.branchId,
        after: { stripeRefundId: refund.id, amount: Money.of(amount, payment.currency).format('en'), status: row.status, reason },
      });
      return row;
    });
  }

  /** What can still be refunded: the amount less every refund not failed and every lost or open dispute. */
  async refundable(paymentId: string, amount: bigint): Promise<bigint> {
    const [row]: { used: string }[] = await this.tx.manager.query(
      `SELECT (SELECT COALESCE(sum(amount), 0) FROM payment_refunds WHERE payment_id = $1 AND status <> 'FAILED')
            + (SELECT COALESCE(sum(amount), 0) FROM payment_disputes WHERE payment_id = $1 AND status <> 'WON') AS used`,
      [paymentId],
    );
    const left = amount - BigInt(row.used);
    return left > 0n ? left : 0n;
  }

  listForPayment(paymentId: string): Promise<PaymentRefund[]> {
    return this.tx.repository(PaymentRefund).find({ where: { paymentId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /**
   * Brings the refunds of a charge to Stripe's current state (charge.refunded, charge.refund.updated,
   * refund.*): every refund stored by its id, and each succeeded one booked once. 'unknown' when the
   * charge is not one of our payments.
   */
  async syncCharge(chargeId: string, ours: boolean): Promise<'unknown' | 'synced'> {
    const stripe = this.stripe.api;
    const charge = await stripe.charges.retrieve(chargeId);
    const intentId = typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
    if (!intentId) return 'unknown';
    const payment = await this.finder.require(intentId, ours || charge.metadata?.kind === 'dues');
    if (!payment) return 'unknown';
    const refunds = await stripe.refunds.list({ charge: chargeId, limit: 100 });
    for (const refund of refunds.data) {
      await this.tx.run(async () => {
        await this.upsert(payment.id, refund, { reason: refund.reason ?? null, requestedBy: null });
        const row = (await this.tx.repository(PaymentRefund).createQueryBuilder('r').setLock('pessimistic_write').where('r.stripe_refund_id = :id', { id: refund.id }).getOne())!;
        if (row.status !== PaymentRefundStatus.SUCCEEDED || row.journalEntryId) return;
        const booked = await this.takeBack.takeBack(payment, {
          amount: row.amount,
          idempotencyKey: `refund:${refund.id}`,
          memo: `返金 / refund ${refund.id}${row.reason ? `: ${row.reason}` : ''}`,
        });
        await this.tx.repository(PaymentRefund).update({ id: row.id }, { journalEntryId: booked.entryId, unapplied: booked.unapplied, bookedAt: new Date() });
      });
    }
    return 'synced';
  }

  /** One row per Stripe refund; a booked refund keeps its status, and our reason and requester are kept over a webhook's. */
  private async upsert(paymentId: string, refund: Stripe.Refund, who: { reason: string | null; requestedBy: string | null }): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO payment_refunds (payment_id, stripe_refund_id, amount, currency, status, reason, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (stripe_refund_id) DO UPDATE SET
         status = CASE WHEN payment_refunds.journal_entry_id IS NULL THEN EXCLUDED.status ELSE payment_refunds.status END,
         requested_by = COALESCE(payment_refunds.requested_by, EXCLUDED.requested_by),
         reason = CASE WHEN payment_refunds.requested_by IS NULL AND EXCLUDED.requested_by IS NOT NULL THEN EXCLUDED.reason ELSE COALESCE(payment_refunds.reason, EXCLUDED.reason) END,
         updated_at = now()`,
      [paymentId, refund.id, refund.amount, refund.currency.toUpperCase(), refundStatus(refund), who.reason, who.requestedBy],
    );
  }
}
