import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import { Payment, PaymentStatus } from '../payment.entity.js';
import { PaymentMethod } from '../payment-method.js';
import { OnlineCheckoutSync } from './online-checkout-sync.service.js';
import { OnlinePaymentsError } from './online-payments.errors.js';

/**
 * The recorded payment of a Stripe payment intent (its reference), for events that come after the
 * money (refunds, disputes, payouts). When the payment is not recorded yet but the checkout is
 * ours, the checkout is synced first; if it still is not there the event waits and retries.
 */
@Injectable()
export class OnlinePaymentFinder {
  constructor(
    private readonly tx: TransactionService,
    private readonly sync: OnlineCheckoutSync,
  ) {}

  /** Without syncing: the payment, if recorded (a live one before a voided one). */
  find(paymentIntentId: string): Promise<Payment | null> {
    return this.tx
      .repository(Payment)
      .createQueryBuilder('p')
      .where('p.reference = :ref AND p.method IN (:...methods)', { ref: paymentIntentId, methods: [PaymentMethod.CARD, PaymentMethod.KONBINI] })
      .orderBy(`CASE WHEN p.status = '${PaymentStatus.VOIDED}' THEN 1 ELSE 0 END`)
      .addOrderBy('p.recorded_at', 'DESC')
      .getOne();
  }

  /** The payment; null when the intent is not ours (no checkout, no `kind` metadata). */
  async require(paymentIntentId: string, ours: boolean): Promise<Payment | null> {
    const found = await this.find(paymentIntentId);
    if (found) return found;
    const synced = await this.sync.syncPaymentIntent(paymentIntentId);
    if (synced === 'unknown' && !ours) return null;
    const after = await this.find(paymentIntentId);
    if (!after) throw OnlinePaymentsError.unknownPayment(paymentIntentId);
    return after;
  }
}
