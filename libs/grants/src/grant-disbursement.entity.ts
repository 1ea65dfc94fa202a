import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '#core';
import { DisbursementStatus, type BankAccountType } from './grant-enums.js';

/**
 * One payment of a grant: queued, put in a batch, paid (Dr grants payable / Cr bank) or returned
 * by the bank (a new SCHEDULED disbursement takes its place). The payee's account is copied
 * when it enters a batch, so an exported file and its list never change.
 */
@Entity('grant_disbursements')
@Index('grant_disbursements_application_idx', ['applicationId'])
@Index('grant_disbursements_program_status_idx', ['programId', 'status'])
@Index('grant_disbursements_batch_idx', ['batchId'])
export class GrantDisbursement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'application_id' })
  applicationId: string;

  @Column('uuid', { name: 'program_id' })
  programId: string;

  @Column('bigint', { transformer: bigintTransformer })
  amount: bigint;

  @Column('text', { default: DisbursementStatus.SCHEDULED })
  status: DisbursementStatus;

  /** The last payment of the grant: when paid, what is left of the award is released. */
  @Column('boolean', { name: 'final', default: false })
  final: boolean;

  @Column('uuid', { name: 'batch_id', nullable: true })
  batchId: string | null;

  @Column('text', { name: 'bank_code', nullable: true })
  bankCode: string | null;

  @Column('text', { name: 'bank_name', nullable: true })
  bankName: string | null;

  @Column('text', { name: 'branch_code', nullable: true })
  branchCode: string | null;

  @Column('text', { name: 'branch_name', nullable: true })
  branchName: string | null;

  @Column('text', { name: 'account_type', nullable: true })
  accountType: BankAccountType | null;

  @Column('text', { name: 'account_number', nullable: true })
  accountNumber: string | null;

  @Column('text', { name: 'holder_name', nullable: true })
  holderName: string | null;

  @Column('date', { name: 'paid_on', nullable: true })
  paidOn: string | null;

  @Column('uuid', { name: 'payment_entry_id', nullable: true })
  paymentEntryId: string | null;

  @Column('text', { name: 'return_reason', nullable: true })
  returnReason: string | null;

  /** The disbursement a returned one was queued again as. */
  @Column('uuid', { name: 'replaced_by', nullable: true })
  replacedBy: string | null;

  @Column('uuid', { name: 'scheduled_by' })
  scheduledBy: string;

  @CreateDateColumn({ name: 'scheduled_at', type: 'timestamptz' })
  scheduledAt: Date;
}
