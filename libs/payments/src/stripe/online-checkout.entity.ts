import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintTransformer } from '#core';

export enum OnlineCheckoutStatus {
  /** The Checkout page is open; the member has not paid yet. */
  OPEN = 'OPEN',
  /** Checkout completed with a konbini voucher: awaiting payment at the konbini until it expires. */
  AWAITING_KONBINI = 'AWAITING_KONBINI',
  /** The money is in and recorded as a payment. */
  PAID = 'PAID',
  /** The page or the konbini voucher expired unpaid. */
  EXPIRED = 'EXPIRED',
  /** The payment failed. */
  FAILED = 'FAILED',
}

/** A Stripe Checkout session for one dues invoice: what was asked, and what became of it. */
@Entity('online_checkouts')
@Index('online_checkouts_session_key', ['sessionId'], { unique: true })
@Index('online_checkouts_invoice_idx', ['invoiceId', 'createdAt'])
@Index('online_checkouts_payment_intent_idx', ['paymentIntentId'])
@Index('online_checkouts_member_idx', ['memberId', 'createdAt'])
export class OnlineCheckout {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text', { name: 'session_id' })
  sessionId: string;

  @Column('text', { name: 'payment_intent_id', nullable: true })
  paymentIntentId: string | null;

  @Column('uuid', { name: 'invoice_id' })
  invoiceId: string;

  @Column('uuid', { name: 'member_id' })
  memberId: string;

  @Column('uuid', { name: 'branch_id' })
  branchId: string;

  /** What was asked: the invoice's open amount when the session was made. */
  @Column('bigint', { transformer: bigintTransformer })
  amount: bigint;

  @Column('char', { length: 3 })
  currency: string;

  @Column('text', { default: OnlineCheckoutStatus.OPEN })
  status: OnlineCheckoutStatus;

  /** CARD or KONBINI once the payer chose. */
  @Column('text', { nullable: true })
  method: string | null;

  @Column('text')
  url: string;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  /** Konbini: the voucher's expiry (23:59:59 JST of its last day). */
  @Column('timestamptz', { name: 'konbini_expires_at', nullable: true })
  konbiniExpiresAt: Date | null;

  @Column('uuid', { name: 'payment_id', nullable: true })
  paymentId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
