import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Whose book the account is of: a branch's (it names the branch), the federation's or the foundation's. */
export type BankAccountHolder = 'BRANCH' | 'FEDERATION' | 'FOUNDATION';

/** A bank account of a book (a branch's, the federation's or the foundation's) whose statements are reconciled (its ledger account: 1200 bank). */
@Entity('reconciliation_bank_accounts')
@Index('reconciliation_bank_accounts_number_key', ['bankCode', 'branchCode', 'accountType', 'accountNumber'], { unique: true })
export class BankAccount {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'book_id' })
  bookId: string;

  /** The branch of a BRANCH account; null for the federation's and the foundation's (a CHECK holds them together). */
  @Column('uuid', { name: 'branch_id', nullable: true })
  branchId: string | null;

  @Column('text', { default: 'BRANCH' })
  holder: BankAccountHolder;

  @Column('text', { name: 'ledger_account_code', default: '1200' })
  ledgerAccountCode: string;

  @Column('text', { name: 'bank_code' })
  bankCode: string;

  @Column('text', { name: 'branch_code' })
  branchCode: string;

  /** 1 普通, 2 当座, 4 貯蓄. */
  @Column('text', { name: 'account_type' })
  accountType: string;

  @Column('text', { name: 'account_number' })
  accountNumber: string;

  /** 口座名義 in Zengin kana. */
  @Column('text')
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
