import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { BankAccountType, GrantPayeeKind } from './grant-enums.js';

/**
 * Who an application's grant is paid to — the training provider or the applicant — and their
 * bank account, checked against the zengin-code bank and branch list. Only grant staff read it.
 */
@Entity('grant_payees')
@Index('grant_payees_application_key', ['applicationId'], { unique: true })
export class GrantPayee {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'application_id' })
  applicationId: string;

  @Column('text')
  kind: GrantPayeeKind;

  @Column('text', { name: 'bank_code' })
  bankCode: string;

  /** Kana name of the bank as zengin-code lists it. */
  @Column('text', { name: 'bank_name' })
  bankName: string;

  @Column('text', { name: 'branch_code' })
  branchCode: string;

  @Column('text', { name: 'branch_name' })
  branchName: string;

  @Column('text', { name: 'account_type' })
  accountType: BankAccountType;

  @Column('text', { name: 'account_number' })
  accountNumber: string;

  /** 口座名義 in Zengin half-width kana (at most 30). */
  @Column('text', { name: 'holder_name' })
  holderName: string;

  @Column('uuid', { name: 'updated_by' })
  updatedBy: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
