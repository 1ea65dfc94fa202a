import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintTransformer } from '#core';
import { InvoiceStatus } from './dues-enums.js';
import { RecognitionPolicy } from './recognition-policy.js';

/**
 * A dues invoice (会費請求書) for one membership and period. Amount and shares
 * are a snapshot of the plan at issue. Numbered without gaps per branch and
 * fiscal year; one per membership and period (a unique key).
 */
@Entity('dues_invoices')
@Index('dues_invoices_membership_period_key', ['membershipId', 'periodStart'], { unique: true })
@Index('dues_invoices_branch_year_sequence_key', ['branchId', 'fiscalYear', 'sequence'], { unique: true })
@Index('dues_invoices_number_key', ['number'], { unique: true })
@Index('dues_invoices_year_idx', ['fiscalYear', 'branchId', 'planId'])
@Index('dues_invoices_member_idx', ['memberId', 'periodStart'])
@Index('dues_invoices_plan_idx', ['planId'])
@Index('dues_invoices_unpaid_branch_idx', ['branchId', 'dueOn', 'id'], { where: "status IN ('OPEN', 'PARTIALLY_PAID')" })
@Index('dues_invoices_unpaid_idx', ['dueOn', 'id'], { where: "status IN ('OPEN', 'PARTIALLY_PAID')" })
/** Renewal reminders read open invoices by period, in keyset batches (openRenewalKeysSql). */
@Index('dues_invoices_unpaid_period_idx', ['periodStart', 'id'], { where: "status IN ('OPEN', 'PARTIALLY_PAID')" })
export class Invoice {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'membership_id' })
  membershipId: string;

  @Column('uuid', { name: 'member_id' })
  memberId: string;

  @Column('uuid', { name: 'branch_id' })
  branchId: string;

  @Column('uuid', { name: 'plan_id' })
  planId: string;

  @Column('int', { name: 'fiscal_year' })
  fiscalYear: number;

  @Column('int')
  sequence: number;

  /** e.g. `TKY-2027-000042`. */
  @Column('text')
  number: string;

  @Column('date', { name: 'period_start' })
  periodStart: string;

  @Column('date', { name: 'period_end' })
  periodEnd: string;

  @Column('date', { name: 'issued_on' })
  issuedOn: string;

  @Column('date', { name: 'due_on' })
  dueOn: string;

  @Column('char', { length: 3, default: 'JPY' })
  currency: string;

  @Column('bigint', { transformer: bigintTransformer })
  amount: bigint;

  @Column('bigint', { name: 'federation_share', transformer: bigintTransformer })
  federationShare: bigint;

  @Column('bigint', { name: 'branch_share', transformer: bigintTransformer })
  branchShare: bigint;

  /** Months charged when a joiner paid only the remaining months; null for a full period. */
  @Column('smallint', { name: 'prorated_months', nullable: true })
  proratedMonths: number | null;

  @Column('bigint', { name: 'paid_amount', default: 0, transformer: bigintTransformer })
  paidAmount: bigint;

  @Column('text', { default: InvoiceStatus.OPEN })
  status: InvoiceStatus;

  @Column('date', { name: 'paid_on', nullable: true })
  paidOn: string | null;

  @Column('timestamptz', { name: 'voided_at', nullable: true })
  voidedAt: Date | null;

  @Column('text', { name: 'void_reason', nullable: true })
  voidReason: string | null;

  /** The basis it was issued on: ACCRUAL invoices are the sub-ledger of 未収会費; ON_RECEIPT ones are claims only. */
  @Column('text', { default: RecognitionPolicy.ON_RECEIPT })
  recognition: RecognitionPolicy;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
