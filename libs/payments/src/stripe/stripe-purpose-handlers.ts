import { Injectable } from '@nestjs/common';

/** A stored Stripe event as a purpose handler sees it. */
export interface PurposeEvent {
  id: string;
  type: string;
  /** The id of the event's object (session, payment intent, charge, refund …). */
  objectId: string;
  object: { metadata?: Record<string, string> | null; charge?: string | { id: string } | null; payment_intent?: string | { id: string } | null };
}

/**
 * What another library does with the Stripe events of its own Checkouts and payment intents
 * (marked `metadata.purpose`). Like the dues path, it brings its record to Stripe's current
 * state, so duplicates and any order give one result; it throws when what the event depends on
 * is not stored yet (the job retries). 'unknown' = not ours after all.
 */
export interface StripePurposeHandler {
  /** checkout.session.* and payment_intent.* whose object carries this purpose. */
  sync(event: PurposeEvent): Promise<string>;
  /** charge.refunded, charge.refund.updated, refund.*: a charge the dues path does not know. */
  syncCharge(chargeId: string): Promise<string>;
  /** charge.dispute.*: a dispute of a charge the dues path does not know. */
  syncDispute(disputeId: string): Promise<string>;
}

/**
 * The handlers libraries above payments register (donations: `purpose: 'donation'`), so the one
 * event processor serves them without payments knowing them (the map's arrows point up to it).
 */
@Injectable()
export class StripePurposeHandlers {
  private readonly handlers = new Map<string, StripePurposeHandler>();

  register(purpose: string, handler: StripePurposeHandler): void {
    if (this.handlers.has(purpose)) throw new Error(`A Stripe handler for purpose ${purpose} is already registered`);
    this.handlers.set(purpose, handler);
  }

  forPurpose(purpose: string | null | undefined): StripePurposeHandler | null {
    return (purpose && this.handlers.get(purpose)) || null;
  }

  all(): StripePurposeHandler[] {
    return [...this.handlers.values()];
  }
}
