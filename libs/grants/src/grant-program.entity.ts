import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintTransformer } from '#core';
import type { GrantCostCategory, GrantDocumentKind } from './grant-enums.js';

/**
 * A training-grant program of the foundation for one fiscal year (April–March): its budget and
 * limits, what it pays for, and the foundation's account its transfers are paid from.
 * Committed, disbursed and remaining are derived from the applications and disbursements.
 */
@Entity('grant_programs')
@Index('grant_programs_code_key', ['code'], { unique: true })
export class GrantProgram {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Short stable code, e.g. `CARE-2026`; names the program's ledger lines (fund GRANT:<code>). */
  @Column('text')
  code: string;

  @Column('text', { name: 'name_ja' })
  nameJa: string;

  @Column('text', { name: 'name_en' })
  nameEn: string;

  /** The April year: 2026 is April 2026 – March 2027. */
  @Column('integer', { name: 'fiscal_year' })
  fiscalYear: number;

  @Column('char', { length: 3, default: 'JPY' })
  currency: string;

  @Column('bigint', { name: 'total_budget', transformer: bigintTransformer })
  totalBudget: bigint;

  @Column('bigint', { name: 'max_per_award', transformer: bigintTransformer })
  maxPerAward: bigint;

  @Column('bigint', { name: 'max_per_person', transformer: bigintTransformer })
  maxPerPerson: bigint;

  /** An award above this needs a second, different approver. */
  @Column('bigint', { name: 'two_approver_threshold', transformer: bigintTransformer })
  twoApproverThreshold: bigint;

  @Column('text', { array: true })
  categories: GrantCostCategory[];

  @Column('text', { name: 'required_documents', array: true })
  requiredDocuments: GrantDocumentKind[];

  @Column('date', { name: 'opens_on' })
  opensOn: string;

  @Column('date', { name: 'closes_on' })
  closesOn: string;

  /** 振込依頼人コード the bank gave the foundation (10 digits). */
  @Column('text', { name: 'payer_code' })
  payerCode: string;

  /** 振込依頼人名 in Zengin kana. */
  @Column('text', { name: 'payer_name' })
  payerName: string;

  @Column('text', { name: 'payer_bank_code' })
  payerBankCode: string;

  @Column('text', { name: 'payer_branch_code' })
  payerBranchCode: string;

  @Column('text', { name: 'payer_account_type' })
  payerAccountType: string;

  @Column('text', { name: 'payer_account_number' })
  payerAccountNumber: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
