import { Injectable } from '@nestjs/common';
import { OutboxWakeUp, TransactionService, assertJobId } from '#core';
import { StripeClient } from './stripe-client.js';

export type WebhookIntake = { accepted: false } | { accepted: true; eventId: string; duplicate: boolean };

/**
 * Stripe webhooks in: the signature is checked on the raw bytes before anything in the body is
 * read; the event is stored by its Stripe id and its processing queued (outbox) in one
 * statement (atomic, one commit), the relay woken after it; a duplicate delivery finds the row and queues nothing. The answer is 2xx at once;
 * the worker does the work (StripeEventProcessor).
 */
@Injectable()
export class StripeWebhookIntake {
  constructor(
    private readonly tx: TransactionService,
    private readonly stripe: StripeClient,
    private readonly wakeUp: OutboxWakeUp,
  ) {}

  async receive(rawBody: Buffer | undefined, signature: string | undefined): Promise<WebhookIntake> {
    const event = rawBody ? this.stripe.verifyWebhook(rawBody, signature) : null;
    if (!event) return { accepted: false };
    const object = event.data.object as { id?: string };
    // One statement (atomic, one commit): the event row and its outbox job as OutboxService.enqueue
    // writes it; a duplicate inserts nothing and queues nothing. The relay's wake-up is sent after
    // that commit, in its own statement: a NOTIFY inside a writing transaction takes a global lock
    // through the commit's WAL flush and serializes every intake (measured: about 4× fewer per
    // second). The relay also polls every second, so a lost wake-up only delays.
    // The payload stored is the verified raw body itself (what Stripe signed), not a re-serialization.
    const jobId = `stripe-event.${event.id}`;
    assertJobId(jobId);
    const [row]: { stored: number; queued: number }[] = await this.tx.manager.query(
      `WITH e AS (
         INSERT INTO stripe_events (id, type, object_id, livemode, api_created_at, payload)
         VALUES ($1, $2, $3, $4, to_timestamp($5), $6) ON CONFLICT (id) DO NOTHING RETURNING id
       ), o AS (
         INSERT INTO outbox (job_name, job_id, payload) SELECT $7, $8, $9 FROM e ON CONFLICT (job_id) DO NOTHING RETURNING 1
       )
       SELECT (SELECT count(*) FROM e)::int AS stored, (SELECT count(*) FROM o)::int AS queued`,
      [event.id, event.type, object.id ?? '', event.livemode, event.created, rawBody!.toString('utf8'), 'stripe.event', jobId, JSON.stringify({ eventId: event.id })],
    );
    // The relay's wake-up, coalesced across concurrent intakes and not awaited: the answer does not wait for it.
    if (row.queued > 0) this.wakeUp.wake();
    return { accepted: true, eventId: event.id, duplicate: row.stored === 0 };
  }
}
