import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum StripeEventStatus {
  /** Stored, waiting for the worker. */
  RECEIVED = 'RECEIVED',
  /** Done: its effect is in the books (or it needed none). */
  PROCESSED = 'PROCESSED',
  /** A type we do not act on, kept for the record (payouts are read by reconciliation later). */
  IGNORED = 'IGNORED',
}

/**
 * A Stripe webhook event, stored by its Stripe id before anything acts on it: a duplicate
 * delivery finds the row and is acknowledged without a second effect.
 */
@Entity('stripe_events')
@Index('stripe_events_status_received_idx', ['status', 'receivedAt'])
@Index('stripe_events_object_idx', ['objectId', 'apiCreatedAt'])
export class StripeEvent {
  @PrimaryColumn('text')
  id: string;

  @Column('text')
  type: string;

  /** The id of the object the event is about (cs_…, pi_…, ch_…, po_…). */
  @Column('text', { name: 'object_id' })
  objectId: string;

  @Column('boolean')
  livemode: boolean;

  /** When Stripe created the event (its `created`). */
  @Column('timestamptz', { name: 'api_created_at' })
  apiCreatedAt: Date;

  @Column('jsonb')
  payload: Record<string, unknown>;

  @Column('text', { default: StripeEventStatus.RECEIVED })
  status: StripeEventStatus;

  @Column('int', { default: 0 })
  attempts: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt: Date;

  @Column('timestamptz', { name: 'processed_at', nullable: true })
  processedAt: Date | null;
}
