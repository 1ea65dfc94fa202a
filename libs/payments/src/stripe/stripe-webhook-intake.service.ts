import { Injectable } from '@nestjs/common';
import { StripeClient } from './stripe-client.js';
import { StripeEventStore } from './stripe-event-store.js';

export type WebhookIntake = { accepted: false } | { accepted: true; eventId: string; duplicate: boolean };

/**
 * Stripe webhooks in: the signature is checked on the raw bytes before anything in the body is
 * read; the event is stored by its Stripe id and its processing queued (outbox) in one statement
 * and commit, shared with the deliveries arriving at the same time (StripeEventStore); a duplicate
 * delivery finds the row and queues nothing. The answer is 2xx once the event is committed; the
 * worker does the work (StripeEventProcessor). The payload stored is the verified raw body itself
 * (what Stripe signed), not a re-serialization.
 */
@Injectable()
export class StripeWebhookIntake {
  constructor(
    private readonly stripe: StripeClient,
    private readonly events: StripeEventStore,
  ) {}

  async receive(rawBody: Buffer | undefined, signature: string | undefined): Promise<WebhookIntake> {
    const event = rawBody ? this.stripe.verifyWebhook(rawBody, signature) : null;
    if (!event) return { accepted: false };
    const object = event.data.object as { id?: string };
    const stored = await this.events.store({
      id: event.id,
      type: event.type,
      objectId: object.id ?? '',
      livemode: event.livemode,
      created: event.created,
      payload: rawBody!.toString('utf8'),
    });
    return { accepted: true, eventId: event.id, duplicate: !stored };
  }
}
