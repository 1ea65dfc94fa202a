import { Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { StripeClient } from './stripe-client.js';

export interface OffSessionChargeRequest {
  customerId: string;
  paymentMethodId: string;
  /** Minor units (JPY: yen). */
  amount: bigint;
  currency: string;
  /**
   * The caller's key for this one attempt (e.g. per gift, month and attempt number), written down
   * before the call: a crash between Stripe's answer and our record retries with the same key and
   * Stripe replays its first answer instead of charging again.
   */
  idempotencyKey: string;
  metadata: Record<string, string>;
  description?: string;
}

export type OffSessionChargeResult =
  | { outcome: 'succeeded'; paymentIntentId: string }
  /** The card was refused (insufficient funds, expired …): retry later or ask for another card. */
  | { outcome: 'declined'; paymentIntentId: string | null; code: string; message: string }
  /** The bank wants the cardholder to authenticate (3-D Secure): only the donor can finish it. */
  | { outcome: 'requires_action'; paymentIntentId: string; code: string; message: string };

/**
 * Charges a saved card without the cardholder present: one off-session PaymentIntent, confirmed
 * at once, with the caller's idempotency key, and Stripe's answer classified. Anything that is not
 * an answer about the card (Stripe unreachable, a bad request) is thrown for the job to retry —
 * with the same key, so it never charges twice. Never call inside a database transaction.
 */
@Injectable()
export class OffSessionCharges {
  constructor(private readonly stripe: StripeClient) {}

  async charge(r: OffSessionChargeRequest): Promise<OffSessionChargeResult> {
    try {
      const intent = await this.stripe.api.paymentIntents.create(
        {
          amount: Number(r.amount),
          currency: r.currency.toLowerCase(),
          customer: r.customerId,
          payment_method: r.paymentMethodId,
          off_session: true,
          confirm: true,
          metadata: r.metadata,
          ...(r.description && { description: r.description }),
        },
        { idempotencyKey: r.idempotencyKey },
      );
      return classifyIntent(intent);
    } catch (error) {
      const classified = classifyCardError(error);
      if (classified) return classified;
      throw error;
    }
  }
}

/** A PaymentIntent Stripe answered 200 for: succeeded, or (rarely) waiting on the cardholder. */
export function classifyIntent(intent: Pick<Stripe.PaymentIntent, 'id' | 'status' | 'last_payment_error'>): OffSessionChargeResult {
  if (intent.status === 'succeeded' || intent.status === 'processing') return { outcome: 'succeeded', paymentIntentId: intent.id };
  if (intent.status === 'requires_action' || intent.status === 'requires_confirmation') {
    return { outcome: 'requires_action', paymentIntentId: intent.id, code: 'authentication_required', message: intent.last_payment_error?.message ?? 'authentication required' };
  }
  return { outcome: 'declined', paymentIntentId: intent.id, code: intent.last_payment_error?.code ?? 'card_declined', message: intent.last_payment_error?.message ?? 'declined' };
}

/** Stripe's card errors (HTTP 402) as an outcome; null for anything else. */
export function classifyCardError(error: unknown): OffSessionChargeResult | null {
  if (!(error instanceof Stripe.errors.StripeCardError)) return null;
  const intent = error.payment_intent as Stripe.PaymentIntent | undefined;
  const code = error.code ?? 'card_declined';
  if (code === 'authentication_required' && intent?.id) return { outcome: 'requires_action', paymentIntentId: intent.id, code, message: error.message };
  return { outcome: 'declined', paymentIntentId: intent?.id ?? null, code: error.decline_code ?? code, message: error.message };
}
