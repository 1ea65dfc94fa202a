import type Stripe from 'stripe';
import { toBusinessDate } from '#core';
import { DonationMethod } from './donation-enums.js';

/** The money of a succeeded payment intent as Stripe reports it: amount, fee, method, date. */
export function stripeMoney(intent: Stripe.PaymentIntent): { amount: bigint; currency: string; fee: bigint; method: DonationMethod; receivedOn: string } {
  const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
  const balance = charge && typeof charge.balance_transaction === 'object' ? charge.balance_transaction : null;
  return {
    amount: BigInt(intent.amount_received),
    currency: intent.currency.toUpperCase(),
    fee: balance ? BigInt(balance.fee) : 0n,
    method: charge?.payment_method_details?.type === 'konbini' ? DonationMethod.KONBINI : DonationMethod.CARD,
    receivedOn: toBusinessDate(new Date((charge?.created ?? intent.created) * 1000)),
  };
}
