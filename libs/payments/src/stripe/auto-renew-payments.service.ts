import { Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import { Money, TransactionService, toBusinessDate } from '#core';
import { SYSTEM_ACTOR } from '#auth';
import { PaymentMethod } from '../payment-method.js';
import { PaymentRecording } from '../payment-recording.service.js';
import { AutoRenewCharge, AutoRenewChargeStatus } from './auto-renew-charge.entity.js';
import { OnlinePaymentsError } from './online-payments.errors.js';
import { StripeClient } from './stripe-client.js';

/** The metadata an auto-renew PaymentIntent carries: how its event finds the attempt. */
export const AUTO_RENEW_KIND = 'dues-autorenew';

/**
 * Records the money of an auto-renew charge, whoever learns of it first — the charging job from
 * Stripe's answer, or the processing of payment_intent.succeeded: both call `syncIntent`, which
 * reads the PaymentIntent as Stripe has it now and records it through PaymentRecording (idempotency
 * key `stripe.<payment intent>`, the same as a Checkout payment's) with the attempt row locked, so
 * the payment is recorded once however often, in whatever order, or after whatever crash.
 */
@Injectable()
export class AutoRenewPayments {
  constructor(
    private readonly tx: TransactionService,
    private readonly stripe: StripeClient,
    private readonly recording: PaymentRecording,
  ) {}

  /** 'unknown' when the intent is not an auto-renew charge of ours. */
  async syncIntent(paymentIntentId: string): Promise<'synced' | 'unknown'> {
    const intent = await this.stripe.api.paymentIntents.retrieve(paymentIntentId, { expand: ['latest_charge.balance_transaction'] });
    if (intent.metadata?.kind !== AUTO_RENEW_KIND) return 'unknown';
    const { invoiceId, attempt } = intent.metadata;
    return this.tx.run(async (): Promise<'synced'> => {
      const charge = await this.tx
        .repository(AutoRenewCharge)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.invoice_id = :invoiceId AND c.attempt = :attempt', { invoiceId, attempt: Number(attempt) })
        .getOne();
      if (!charge) throw OnlinePaymentsError.unknownAutoRenewCharge(intent.id);
      if (charge.status === AutoRenewChargeStatus.SUCCEEDED) return 'synced';
      if (intent.status === 'succeeded') await this.record(charge, intent);
      else if (charge.paymentIntentId !== intent.id) await this.tx.repository(AutoRenewCharge).update({ id: charge.id }, { paymentIntentId: intent.id });
      return 'synced';
    });
  }

  private async record(charge: AutoRenewCharge, intent: Stripe.PaymentIntent): Promise<void> {
    const stripeCharge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
    const balance = stripeCharge && typeof stripeCharge.balance_transaction === 'object' ? stripeCharge.balance_transaction : null;
    const currency = intent.currency.toUpperCase();
    const received = BigInt(intent.amount_received);
    if (received !== charge.amount || currency !== charge.currency) {
      throw OnlinePaymentsError.amountMismatch(intent.id, Money.of(charge.amount, charge.currency).format('en'), `${received} ${currency}`);
    }
    const { payment } = await this.recording.record(SYSTEM_ACTOR, {
      memberId: charge.memberId,
      method: PaymentMethod.CARD,
      amount: Money.of(received, currency),
      fee: balance ? BigInt(balance.fee) : 0n,
      receivedOn: toBusinessDate(new Date((stripeCharge?.created ?? intent.created) * 1000)),
      reference: intent.id,
      allocations: [{ invoiceId: charge.invoiceId }],
      // Paid meanwhile by other means (a transfer the same morning): the money is the member's credit.
      allowCredit: true,
      memo: `Stripe auto-renew (attempt ${charge.attempt})`,
      idempotencyKey: `stripe.${intent.id}`,
    });
    await this.tx.repository(AutoRenewCharge).update(
      { id: charge.id },
      { status: AutoRenewChargeStatus.SUCCEEDED, paymentIntentId: intent.id, paymentId: payment.id, declineCode: null, message: null },
    );
  }
}
