import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintTransformer } from '#core';

export enum PaymentRefundStatus {
  /** Asked of Stripe, money not gone yet. */
  PENDING = 'PENDING',
  /** Konbini: Stripe waits for the payer to give bank details (can take weeks). */
  AWAITING_BANK_DETAILS = 'AWAITING_BANK_DETAILS',
  /** The money went back; the ledger is reversed for this part (journalEntryId). */
  SUCCEEDED = 'SUCCEEDED',
  /** Stripe could not refund (or it was cancelled): nothing was taken from the books. */
  FAILED = 'FAILED',
}

/**
 * A Stripe refund of (part of) an online payment, ours or made in the Stripe dashboard: one row per
 * Stripe refund id. Booked once, when charge.refunded shows it succeeded (journalEntryId set).
 */
@Entity('payment_refunds')
@Index('payment_refunds_stripe_refund_key', ['stripeRefundId'], { unique: true })
@Index('payment_refunds_payment_idx', ['paymentId'])
export class PaymentRefund {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'payment_id' })
  paymentId: string;

  @Column('text', { name: 'stripe_refund_id' })
  stripeRefundId: string;

  @Column('bigint', { transformer: bigintTransformer })
  amount: bigint;

  @Column('char', { length: 3 })
  currency: string;

  @Column('text')
  status: PaymentRefundStatus;

  @Column('text', { nullable: true })
  reason: string | null;

  /** The user who asked; null for a refund made in the Stripe dashboard. */
  @Column('uuid', { name: 'requested_by', nullable: true })
  requestedBy: string | null;

  @Column('uuid', { name: 'journal_entry_id', nullable: true })
  journalEntryId: string | null;

  /** The part taken back from invoices (the rest came out of the member's credit). */
  @Column('bigint', { transformer: bigintTransformer, default: 0 })
  unapplied: bigint;

  @Column('timestamptz', { name: 'booked_at', nullable: true })
  bookedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
