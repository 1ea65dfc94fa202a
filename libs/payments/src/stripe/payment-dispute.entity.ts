import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '#core';

export enum PaymentDisputeStatus {
  /** The amount sits in the disputes account until the dispute closes. */
  OPEN = 'OPEN',
  /** Closed in our favour: the amount went back to Stripe clearing. */
  WON = 'WON',
  /** Closed against us: written off like a refund (the invoice reopens). */
  LOST = 'LOST',
}

/** A Stripe dispute (chargeback) of an online payment: one row per Stripe dispute id. */
@Entity('payment_disputes')
@Index('payment_disputes_stripe_dispute_key', ['stripeDisputeId'], { unique: true })
@Index('payment_disputes_payment_idx', ['paymentId'])
export class PaymentDispute {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'payment_id' })
  paymentId: string;

  @Column('text', { name: 'stripe_dispute_id' })
  stripeDisputeId: string;

  @Column('bigint', { transformer: bigintTransformer })
  amount: bigint;

  @Column('char', { length: 3 })
  currency: string;

  @Column('text')
  status: PaymentDisputeStatus;

  /** Stripe's reason (fraudulent, duplicate, …). */
  @Column('text', { nullable: true })
  reason: string | null;

  @Column('uuid', { name: 'opened_entry_id', nullable: true })
  openedEntryId: string | null;

  @Column('uuid', { name: 'closed_entry_id', nullable: true })
  closedEntryId: string | null;

  /** The part taken back from invoices (the rest came out of the member's credit). */
  @Column('bigint', { transformer: bigintTransformer, default: 0 })
  unapplied: bigint;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;
}
