import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '#core';
import { PaymentMethod } from './payment-method.js';

export enum PaymentStatus {
  RECORDED = 'RECORDED',
  VOIDED = 'VOIDED',
}

/**
 * Money received from a member or organization, by any channel. Its unallocated part
 * (amount − live allocations) is the member's credit. Never deleted: a void reverses it.
 */
@Entity('payments')
@Index('payments_reference_key', ['branchId', 'method', 'reference'], { unique: true, where: `reference IS NOT NULL AND status <> 'VOIDED'` })
@Index('payments_reference_idx', ['reference'], { where: 'reference IS NOT NULL' })
@Index('payments_idempotency_key_key', ['idempotencyKey'], { unique: true })
@Index('payments_branch_received_idx', ['branchId', 'receivedOn', 'id'])
@Index('payments_branch_method_received_idx', ['branchId', 'method', 'receivedOn', 'id'])
@Index('payments_member_received_idx', ['memberId', 'receivedOn', 'id'])
export class Payment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The branch that received it (the member's home branch); its book gets the entries. */
  @Column('uuid', { name: 'branch_id' })
  branchId: string;

  @Column('uuid', { name: 'book_id' })
  bookId: string;

  /** The paying member (person or organization). */
  @Column('uuid', { name: 'member_id' })
  memberId: string;

  @Column('text')
  method: PaymentMethod;

  /** The channel's reference: bank transfer reference, receipt book number, Stripe payment intent, statement line. */
  @Column('text', { nullable: true })
  reference: string | null;

  /** Gross amount received, minor units. */
  @Column('bigint', { transformer: bigintTransformer })
  amount: bigint;

  /** What the channel kept (bank or Stripe fee), minor units. */
  @Column('bigint', { transformer: bigintTransformer, default: 0 })
  fee: bigint;

  @Column('char', { length: 3 })
  currency: string;

  /** What Stripe gave back (booked refunds) or lost (lost disputes) of it: not the member's credit. */
  @Column('bigint', { name: 'taken_back', transformer: bigintTransformer, default: 0 })
  takenBack: bigint;

  @Column('date', { name: 'received_on' })
  receivedOn: string;

  @Column('text', { default: PaymentStatus.RECORDED })
  status: PaymentStatus;

  @Column('text', { nullable: true })
  memo: string | null;

  /** A retried request with the same key returns this payment. */
  @Column('text', { name: 'idempotency_key' })
  idempotencyKey: string;

  /** Fingerprint of the request, to tell an exact retry from a different request reusing a key. */
  @Column('text', { name: 'request_hash' })
  requestHash: string;

  @Column('uuid', { name: 'journal_entry_id', nullable: true })
  journalEntryId: string | null;

  /** The date the ledger posted it at (later than received_on when that month was closed). */
  @Column('date', { name: 'posted_on', nullable: true })
  postedOn: string | null;

  @Column('uuid', { name: 'recorded_by' })
  recordedBy: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  @Column('timestamptz', { name: 'voided_at', nullable: true })
  voidedAt: Date | null;

  @Column('uuid', { name: 'voided_by', nullable: true })
  voidedBy: string | null;

  @Column('text', { name: 'void_reason', nullable: true })
  voidReason: string | null;
}
