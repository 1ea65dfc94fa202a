import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { AppError, Clock, JobHandler, TransactionService, type JobPayloads } from '#core';
import { StripeEventStatus } from '../stripe-event.entity.js';
import { OnlineCheckoutSync, type SyncOutcome } from '../online-checkout-sync.service.js';
import { StripeDisputes } from '../stripe-disputes.service.js';
import { StripePayouts } from '../stripe-payouts.service.js';
import { StripeRefunds } from '../stripe-refunds.service.js';
import { StripePurposeHandlers } from '../stripe-purpose-handlers.js';
import { AUTO_RENEW_KIND, AutoRenewPayments } from '../auto-renew-payments.service.js';
import { SavedCards } from '../saved-cards.service.js';

interface StoredEvent {
  id: string;
  type: string;
  object_id: string;
  status: StripeEventStatus;
  payload: { data: { object: { metadata?: Record<string, string> | null; charge?: string | { id: string } | null; payment_intent?: string | { id: string } | null } } };
}

/** Reasons that no retry can mend: the event is kept with its error for staff to look at. */
const FINAL_REASONS = new Set(['ONLINE_AMOUNT_MISMATCH', 'ONLINE_TAKE_BACK_EXCEEDS_PAYMENT']);

type Outcome = SyncOutcome | 'synced' | string;

/**
 * Acts on one stored Stripe event. Each kind brings our record to Stripe's current state of its
 * object, so duplicates and any order give one result:
 *   checkout.session.*, payment_intent.*      the checkout and its payment (OnlineCheckoutSync)
 *   charge.refunded, charge.refund.updated,
 *   refund.*                                  the charge's refunds, booked once each (StripeRefunds)
 *   charge.dispute.*                          the dispute (StripeDisputes)
 *   payout.*                                  the payout and its balance transactions (StripePayouts)
 *   payment_intent.* of an auto-renew charge  its payment, recorded once (AutoRenewPayments)
 *   setup_intent.succeeded                    the card it saved, the member's default (SavedCards)
 * Checkouts and payment intents of another library (`metadata.purpose`, e.g. donation) go to the
 * handler it registered (StripePurposeHandlers); so do refunds and disputes of a charge the dues path does not know.
 * Anything else is kept as IGNORED.
 * An event about something not stored yet throws, and BullMQ retries it with backoff (never
 * dropped). Types we do not act on are kept as IGNORED.
 */
@Injectable()
export class StripeEventProcessor {
  private readonly logger = new Logger(StripeEventProcessor.name);

  constructor(
    private readonly tx: TransactionService,
    private readonly sync: OnlineCheckoutSync,
    private readonly refunds: StripeRefunds,
    private readonly disputes: StripeDisputes,
    private readonly payouts: StripePayouts,
    private readonly purposes: StripePurposeHandlers,
    private readonly autoRenew: AutoRenewPayments,
    private readonly cards: SavedCards,
    private readonly clock: Clock,
  ) {}

  @JobHandler('stripe.event')
  async process(payload: JobPayloads['stripe.event']): Promise<Outcome | 'ignored' | 'skipped'> {
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

  private async act(event: StoredEvent): Promise<Outcome> {
    const object = event.payload.data.object;
    const kind = object.metadata?.kind;
    const ours = kind === 'dues' || kind === AUTO_RENEW_KIND;
    const type = event.type;
    const purpose = this.purposes.forPurpose(object.metadata?.purpose);
    if (purpose && (type.startsWith('checkout.session.') || type.startsWith('payment_intent.'))) {
      return purpose.sync({ id: event.id, type, objectId: event.object_id, object });
    }
    if (type.startsWith('checkout.session.')) return this.sync.syncSession(event.object_id, { ours });
    if (type.startsWith('payment_intent.')) return kind === AUTO_RENEW_KIND ? this.autoRenew.syncIntent(event.object_id) : this.sync.syncPaymentIntent(event.object_id);
    if (type === 'setup_intent.succeeded') return this.cards.syncSetupIntent(event.object_id);
    if (type === 'charge.refunded' || type === 'charge.refund.updated' || type.startsWith('refund.')) {
      const chargeId = type === 'charge.refunded' ? event.object_id : typeof object.charge === 'string' ? object.charge : object.charge?.id;
      if (!chargeId) return 'unknown';
      const dues = await this.refunds.syncCharge(chargeId, ours);
      if (dues !== 'unknown') return dues;
      for (const handler of this.purposes.all()) {
        const outcome = await handler.syncCharge(chargeId);
        if (outcome !== 'unknown') return outcome;
      }
      return 'unknown';
    }
    if (type.startsWith('charge.dispute.')) {
      const dues = await this.disputes.sync(event.object_id, ours);
      if (dues !== 'unknown') return dues;
      for (const handler of this.purposes.all()) {
        const outcome = await handler.syncDispute(event.object_id);
        if (outcome !== 'unknown') return outcome;
      }
      return 'unknown';
    }
    if (type.startsWith('payout.')) return this.payouts.sync(event.object_id);
    return 'unknown';
  }

  private async finish(id: string, status: StripeEventStatus, error: string | null): Promise<void> {
    await this.tx.manager.query(`UPDATE stripe_events SET status = $2, attempts = attempts + 1, last_error = $3, processed_at = $4 WHERE id = $1`, [id, status, error, this.clock.now()]);
  }
}
