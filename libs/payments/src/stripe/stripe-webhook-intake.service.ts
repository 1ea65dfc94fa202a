import { Injectable } from '@nestjs/common';
import { OutboxService, TransactionService } from '#core';
import { StripeClient } from './stripe-client.js';

export type WebhookIntake = { accepted: false } | { accepted: true; eventId: string; duplicate: boolean };

/**
 * Stripe webhooks in: the signature is checked on the raw bytes before anything in the body is
 * read; the event is stored by its Stripe id and its processing queued (outbox) in one
 * transaction; a duplicate delivery finds the row and queues nothing. The answer is 2xx at once;
 * the worker does the work (StripeEventProcessor).
 */
@Injectable()
export class StripeWebhookIntake {
  constructor(
    private readonly tx: TransactionService,
    private readonly stripe: StripeClient,
    private readonly outbox: OutboxService,
  ) {}

  async receive(rawBody: Buffer | undefined, signature: string | undefined): Promise<WebhookIntake> {
    const event = rawBody ? this.stripe.verifyWebhook(rawBody, signature) : null;
    if (!event) return { accepted: false };
    const object = event.data.object as { id?: string };
    return this.tx.run(async (m) => {
      const rows: unknown[] = await m.query(
        `INSERT INTO stripe_events (id, type, object_id, livemode, api_created_at, payload)
         VALUES ($1, $2, $3, $4, to_timestamp($5), $6) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [event.id, event.type, object.id ?? '', event.livemode, event.created, JSON.stringify(event)],
      );
      if (rows.length === 0) return { accepted: true, eventId: event.id, duplicate: true };
      await this.outbox.enqueue('stripe.event', { eventId: event.id }, `stripe-event.${event.id}`);
      return { accepted: true, eventId: event.id, duplicate: false };
    });
  }
}
