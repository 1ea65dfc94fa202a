import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '#core';

/** A Stripe payout to the bank (payout.paid), stored for reconciliation with the bank statement. */
@Entity('stripe_payouts')
@Index('stripe_payouts_arrival_idx', ['arrivalDate', 'amount'])
export class StripePayout {
  @PrimaryColumn('text')
  id: string;

  /** What reaches the bank, minor units. */
  @Column('bigint', { transformer: bigintTransformer })
  amount: bigint;

  @Column('char', { length: 3 })
  currency: string;

  /** The day Stripe says it arrives (YYYY-MM-DD, Asia/Tokyo). */
  @Column('date', { name: 'arrival_date' })
  arrivalDate: string;

  @Column('text')
  status: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One balance transaction a payout carried: a charge, its fee, a refund, a dispute, an adjustment. */
@Entity('stripe_payout_transactions')
@Index('stripe_payout_transactions_payout_idx', ['payoutId'])
export class StripePayoutTransaction {
  @PrimaryColumn('text')
  id: string;

  @Column('text', { name: 'payout_id' })
  payoutId: string;

  /** Stripe's type: charge, payment, refund, adjustment, stripe_fee, … */
  @Column('text')
  type: string;

  @Column('bigint', { transformer: bigintTransformer })
  amount: bigint;

  @Column('bigint', { transformer: bigintTransformer })
  fee: bigint;

  @Column('bigint', { transformer: bigintTransformer })
  net: bigint;

  /** The Stripe object behind it (ch_…, re_…, du_…). */
  @Column('text', { name: 'source_id', nullable: true })
  sourceId: string | null;

  /** Our payment, when the source is one of ours. */
  @Column('uuid', { name: 'payment_id', nullable: true })
  paymentId: string | null;
}
