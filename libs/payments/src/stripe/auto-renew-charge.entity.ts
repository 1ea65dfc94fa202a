import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintTransformer } from '#core';

export enum AutoRenewChargeStatus {
  /** Written (and committed) before Stripe is called: a crash leaves it so, and the next run asks Stripe again with the same key. */
  CHARGING = 'CHARGING',
  /** The money is in and recorded as a payment (`paymentId`). */
  SUCCEEDED = 'SUCCEEDED',
  /** Stripe has not decided yet; its payment_intent.* event settles it. */
  PROCESSING = 'PROCESSING',
  /** The card was refused; retried on days 1, 3 and 7 after the due date. */
  DECLINED = 'DECLINED',
  /** The issuer wants the payer present (3-D Secure): they were e-mailed a link to pay. No retry. */
  REQUIRES_ACTION = 'REQUIRES_ACTION',
}

/**
 * One attempt to charge a saved card for a renewal invoice. The idempotency key is per invoice and
 * attempt (`rentai-autorenew-<invoice>-<attempt>`), so a repeated attempt never charges twice.
 */
@Entity('auto_renew_charges')
@Index('auto_renew_charges_invoice_attempt_key', ['invoiceId', 'attempt'], { unique: true })
@Index('auto_renew_charges_payment_intent_idx', ['paymentIntentId'], { where: 'payment_intent_id IS NOT NULL' })
@Index('auto_renew_charges_member_idx', ['memberId', 'createdAt'])
export class AutoRenewCharge {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'invoice_id' })
  invoiceId: string;

  @Column('uuid', { name: 'member_id' })
  memberId: string;

  @Column('uuid', { name: 'branch_id' })
  branchId: string;

  /** 1 on the due date; 2, 3, 4 on days 1, 3 and 7 after it. */
  @Column('smallint')
  attempt: number;

  /** The business day (Asia/Tokyo) of the run that made the attempt. */
  @Column('date', { name: 'attempted_on' })
  attemptedOn: string;

  @Column('bigint', { transformer: bigintTransformer })
  amount: bigint;

  @Column('char', { length: 3 })
  currency: string;

  @Column('text', { name: 'payment_method_id' })
  paymentMethodId: string;

  @Column('text')
  status: AutoRenewChargeStatus;

  @Column('text', { name: 'payment_intent_id', nullable: true })
  paymentIntentId: string | null;

  @Column('text', { name: 'decline_code', nullable: true })
  declineCode: string | null;

  @Column('text', { nullable: true })
  message: string | null;

  @Column('uuid', { name: 'payment_id', nullable: true })
  paymentId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
