import { Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import type { Money } from '#core';
import { StripeClient } from './stripe-client.js';

/** What to charge, to whom, with which saved card, under which idempotency key. */
export interface OffSessionChargeRequest {
  /** The member's one Stripe customer (cus_…). */
  customerId: string;
  /** A card saved for off-session use on that customer (pm_…). */
  paymentMethodId: string;
  amount: Money;
  /**
   * One key per thing charged and attempt (e.g. `rentai-autorenew-<invoice>-<attempt>`): the same
   * key again — a retried job, a worker killed after the call — gets Stripe's first answer back and
   * never a second charge.
   */
  idempotencyKey: string;
  /** Shown on the Stripe dashboard and the payer's statement descriptor suffix, if any. */
  description: string;
  /** Copied onto the PaymentIntent: what the webhook's processing needs to find our record (kind, ids). */
  metadata: Record<string, string>;
}

/**
 * Stripe's answer, classified:
 *  - succeeded        the money is in (the payment is recorded from Stripe's payment_intent.succeeded,
 *                     or by calling the caller's recording path with `paymentIntentId`, once)
 *  - requires_action  the card's issuer wants the payer present (3-D Secure): ask them to pay on-session
 *  - declined         refused (insufficient funds, expired card …): `declineCode` / `message` say why
 *  - processing       Stripe has not decided yet; its payment_intent.* event will
 */
export type OffSessionChargeOutcome =
  | { status: 'succeeded'; paymentIntentId: string }
  | { status: 'processing'; paymentIntentId: string }
  | { status: 'requires_action'; paymentIntentId: string | null }
  | { status: 'declined'; paymentIntentId: string | null; declineCode: string | null; message: string };

/** Card error codes that mean "the payer must be present", not "refused". */
const AUTHENTICATION_CODES = new Set(['authentication_required']);

/**
 * Charges a saved card with nobody present (off-session PaymentIntent, confirmed at once). Reusable by
 * anything that charges a saved card on a schedule: auto-renewed dues, monthly gifts. Call it *outside
 * any database transaction*. A network or Stripe outage throws (retry with the same key); a refusal
 * does not throw, it is an outcome.
 */
@Injectable()
export class OffSessionCharges {
  constructor(private readonly stripe: StripeClient) {}

  async charge(request: OffSessionChargeRequest): Promise<OffSessionChargeOutcome> {
    try {
      const intent = await this.stripe.api.paymentIntents.create(
        {
          amount: Number(request.amount.amount),
          currency: request.amount.currency.toLowerCase(),
          customer: request.customerId,
          payment_method: request.paymentMethodId,
          off_session: true,
          confirm: true,
          description: request.description,
          metadata: request.metadata,
        },
        { idempotencyKey: request.idempotencyKey },
      );
      return classifyIntent(intent);
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError) return classifyCardError(error);
      throw error;
    }
  }
}

/** The outcome of a PaymentIntent Stripe answered with (pure). */
export function classifyIntent(intent: Pick<Stripe.PaymentIntent, 'id' | 'status' | 'last_payment_error'>): OffSessionChargeOutcome {
  switch (intent.status) {
    case 'succeeded':
      return { status: 'succeeded', paymentIntentId: intent.id };
    case 'processing':
      return { status: 'processing', paymentIntentId: intent.id };
    case 'requires_action':
    case 'requires_confirmation':
      return { status: 'requires_action', paymentIntentId: intent.id };
    default: {
      const e = intent.last_payment_error;
      if (e?.code && AUTHENTICATION_CODES.has(e.code)) return { status: 'requires_action', paymentIntentId: intent.id };
      return { status: 'declined', paymentIntentId: intent.id, declineCode: e?.decline_code ?? e?.code ?? null, message: e?.message ?? intent.status };
    }
  }
}

/** The outcome of a card error (HTTP 402) Stripe answered with (pure). */
export function classifyCardError(error: Pick<Stripe.errors.StripeError, 'code' | 'decline_code' | 'message' | 'payment_intent'>): OffSessionChargeOutcome {
  const paymentIntentId = error.payment_intent?.id ?? null;
  if ((error.code && AUTHENTICATION_CODES.has(error.code)) || error.payment_intent?.status === 'requires_action') {
    return { status: 'requires_action', paymentIntentId };
  }
  return { status: 'declined', paymentIntentId, declineCode: error.decline_code ?? error.code ?? null, message: error.message };
}
