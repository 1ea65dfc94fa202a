import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { AppError, Clock, JobHandler, TransactionService, type JobPayloads } from '#core';
import { StripeEventStatus } from '../stripe-event.entity.js';
import { OnlineCheckoutSync, type SyncOutcome } from '../online-checkout-sync.service.js';

interface StoredEvent {
  id: string;
  type: string;
  object_id: string;
  status: StripeEventStatus;
  payload: { data: { object: { metadata?: Record<string, string> | null } } };
}

/** Reasons that no retry can mend: the event is kept with its error for staff to look at. */
const FINAL_REASONS = new Set(['ONLINE_AMOUNT_MISMATCH']);

/**
 * Acts on one stored Stripe event. Checkout and payment-intent events bring the checkout to
 * Stripe's current state (OnlineCheckoutSync), so duplicates and any order give one result.
 * An event about something not stored yet throws, and BullMQ retries it with backoff (never
 * dropped). Types we do not act on are kept as IGNORED.
 */
@Injectable()
export class StripeEventProcessor {
  private readonly logger = new Logger(StripeEventProcessor.name);

  constructor(
    private readonly tx: TransactionService,
    private readonly sync: OnlineCheckoutSync,
    private readonly clock: Clock,
  ) {}

  @JobHandler('stripe.event')
  async process(payload: JobPayloads['stripe.event']): Promise<SyncOutcome | 'ignored' | 'skipped'> {
    const [event]: StoredEvent[] = await this.tx.manager.query(`SELECT id, type, object_id, status, payload FROM stripe_events WHERE id = $1`, [payload.eventId]);
    if (!event || event.status !== StripeEventStatus.RECEIVED) return 'skipped';
    try {
      const outcome = await this.act(event);
      await this.finish(event.id, outcome === 'unknown' ? StripeEventStatus.IGNORED : StripeEventStatus.PROCESSED, null);
      return outcome === 'unknown' ? 'ignored' : outcome;
    } catch (error) {
      const message = String((error as Error).message ?? error).slice(0, 2000);
      await this.tx.manager.query(`UPDATE stripe_events SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [event.id, message]);
      if (error instanceof AppError && FINAL_REASONS.has(error.reason)) {
        this.logger.error(`Stripe event ${event.id} (${event.type}) needs staff: ${message}`);
        throw new UnrecoverableError(message);
      }
      throw error;
    }
  }

  private async act(event: StoredEvent): Promise<SyncOutcome> {
    const ours = event.payload.data.object.metadata?.kind === 'dues';
    if (event.type.startsWith('checkout.session.')) return this.sync.syncSession(event.object_id, { ours });
    if (event.type.startsWith('payment_intent.')) return this.sync.syncPaymentIntent(event.object_id);
    return 'unknown';
  }

  private async finish(id: string, status: StripeEventStatus, error: string | null): Promise<void> {
    await this.tx.manager.query(`UPDATE stripe_events SET status = $2, attempts = attempts + 1, last_error = $3, processed_at = $4 WHERE id = $1`, [id, status, error, this.clock.now()]);
  }
}
