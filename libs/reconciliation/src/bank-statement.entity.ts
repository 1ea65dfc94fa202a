import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '#core';

/** One imported file's part for one bank account. The same file twice is one statement. */
@Entity('reconciliation_statements')
@Index('reconciliation_statements_file_key', ['bankAccountId', 'fileSha256'], { unique: true })
export class BankStatement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'bank_account_id' })
  bankAccountId: string;

  /** ZENGIN_03, ZENGIN_01 or CSV. */
  @Column('text')
  format: string;

  @Column('text', { name: 'file_sha256' })
  fileSha256: string;

  @Column('date', { name: 'period_from', nullable: true })
  periodFrom: string | null;

  @Column('date', { name: 'period_to', nullable: true })
  periodTo: string | null;

  @Column('bigint', { name: 'opening_balance', nullable: true, transformer: bigintTransformer })
  openingBalance: bigint | null;

  @Column('bigint', { name: 'closing_balance', nullable: true, transformer: bigintTransformer })
  closingBalance: bigint | null;

  @Column('integer', { name: 'line_count' })
  lineCount: number;

  /** Lines not already known from an overlapping statement. */
  @Column('integer', { name: 'new_line_count' })
  newLineCount: number;

  @Column('uuid', { name: 'imported_by', nullable: true })
  importedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
