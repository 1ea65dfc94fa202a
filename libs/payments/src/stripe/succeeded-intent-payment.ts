import type Stripe from 'stripe';
import { Money, toBusinessDate } from '#core';
import { PaymentMethod } from '../payment-method.js';
import type { RecordPaymentCommand } from '../payment-recording.service.js';
import { OnlinePaymentsError } from './online-payments.errors.js';

/**
 * The payment of a succeeded PaymentIntent (its latest charge and balance transaction expanded) for
 * one dues invoice, as PaymentRecording takes it — after Stripe's amount and currency are compared
 * with what was asked (a difference records nothing: ONLINE_AMOUNT_MISMATCH, for staff). Stripe's fee
 * from the balance transaction, received on the charge's day in Tokyo, idempotency key
 * `stripe.<intent>` whichever path (Checkout or off-session) records it. Pure.
 */
export function succeededIntentPayment(
  intent: Stripe.PaymentIntent,
  asked: { memberId: string; invoiceId: string; amount: bigint; currency: string; reference: string; memo: string },
): RecordPaymentCommand {
  const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
  const balance = charge && typeof charge.balance_transaction === 'object' ? charge.balance_transaction : null;
  const currency = intent.currency.toUpperCase();
  const received = BigInt(intent.amount_received);
  if (received !== asked.amount || currency !== asked.currency) {
    throw OnlinePaymentsError.amountMismatch(asked.reference, Money.of(asked.amount, asked.currency).format('en'), `${received} ${currency}`);
  }
  return {
    memberId: asked.memberId,
    method: charge?.payment_method_details?.type === 'konbini' ? PaymentMethod.KONBINI : PaymentMethod.CARD,
    amount: Money.of(received, currency),
    fee: balance ? BigInt(balance.fee) : 0n,
    receivedOn: toBusinessDate(new Date((charge?.created ?? intent.created) * 1000)),
    reference: intent.id,
    allocations: [{ invoiceId: asked.invoiceId }],
    // Paid meanwhile by other means: the money is the member's credit, not refused.
    allowCredit: true,
    memo: asked.memo,
    idempotencyKey: `stripe.${intent.id}`,
  };
}
