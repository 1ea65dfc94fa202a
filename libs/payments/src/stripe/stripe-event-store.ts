import { Injectable } from '@nestjs/common';
import { OutboxWakeUp, TransactionService, assertJobId } from '#core';

/** A verified event to store: the columns of stripe_events, the payload the raw body Stripe signed. */
export interface IncomingStripeEvent {
  id: string;
  type: string;
  objectId: string;
  livemode: boolean;
  /** Stripe's `created`, seconds. */
  created: number;
  payload: string;
}

interface Waiting {
  event: IncomingStripeEvent;
  resolve: (stored: boolean) => void;
  reject: (error: unknown) => void;
}

/** At most this many events per statement, and this many statements in flight per process. */
const MAX_BATCH = 200;
const MAX_IN_FLIGHT = 2;

/**
 * Stores verified Stripe events and queues their processing (outbox), many deliveries per statement:
 * the requests that arrive while a statement is in flight wait for the next one, which stores them
 * all — one commit (one WAL flush) for the lot instead of one each. Each request is answered only
 * after the commit that holds its event (durable before 2xx). One statement per batch: the events
 * (`ON CONFLICT (id) DO NOTHING`: a duplicate delivery inserts nothing) and, for those new, their
 * `stripe.event` jobs exactly as OutboxService.enqueue writes them; the relay's wake-up after the
 * commit (OutboxWakeUp, coalesced). Set-based, measured in bench/stripe-webhook.bench.ts.
 */
@Injectable()
export class StripeEventStore {
  private waiting: Waiting[] = [];
  private inFlight = 0;

  constructor(
    private readonly tx: TransactionService,
    private readonly wakeUp: OutboxWakeUp,
  ) {}

  /** True when stored now, false when the event was stored before (a duplicate delivery). */
  store(event: IncomingStripeEvent): Promise<boolean> {
    assertJobId(jobIdOf(event.id));
    return new Promise((resolve, reject) => {
      this.waiting.push({ event, resolve, reject });
      this.flush();
    });
  }

  private flush(): void {
    if (this.inFlight >= MAX_IN_FLIGHT || this.waiting.length === 0) return;
    const batch = this.waiting.splice(0, MAX_BATCH);
    this.inFlight += 1;
    this.write(batch.map((w) => w.event))
      .then(
        (stored) => {
          const first = new Set<string>();
          for (const w of batch) {
            // The same event twice in one batch: the first is the stored one, the other a duplicate.
            const isNew = stored.has(w.event.id) && !first.has(w.event.id);
            first.add(w.event.id);
            w.resolve(isNew);
          }
        },
        (error: unknown) => batch.forEach((w) => w.reject(error)),
      )
      .finally(() => {
        this.inFlight -= 1;
        this.flush();
      });
  }

  private async write(events: IncomingStripeEvent[]): Promise<Set<string>> {
    const [row]: { stored: string[]; queued: number }[] = await this.tx.manager.query(
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::float8[], $6::text[]) AS t(id, type, object_id, livemode, created, payload)
       ), e AS (
         INSERT INTO stripe_events (id, type, object_id, livemode, api_created_at, payload)
         SELECT id, type, object_id, livemode, to_timestamp(created), payload::jsonb FROM input
         ON CONFLICT (id) DO NOTHING RETURNING id
       ), o AS (
         INSERT INTO outbox (job_name, job_id, payload)
         SELECT 'stripe.event', 'stripe-event.' || id, jsonb_build_object('eventId', id) FROM e
         ON CONFLICT (job_id) DO NOTHING RETURNING 1
       )
       SELECT ARRAY(SELECT id FROM e) AS stored, (SELECT count(*) FROM o)::int AS queued`,
      [
        events.map((e) => e.id),
        events.map((e) => e.type),
        events.map((e) => e.objectId),
        events.map((e) => e.livemode),
        events.map((e) => e.created),
        events.map((e) => e.payload),
      ],
    );
    if (row.queued > 0) this.wakeUp.wake();
    return new Set(row.stored);
  }
}

const jobIdOf = (eventId: string) => `stripe-event.${eventId}`;
