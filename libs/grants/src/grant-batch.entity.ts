import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '#core';
import { GrantBatchStatus } from './grant-enums.js';

/** The payments of a program sent to the bank on one transfer date: one Zengin 総合振込 file. */
@Entity('grant_batches')
@Index('grant_batches_program_date_idx', ['programId', 'transferDate'])
export class GrantBatch {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'program_id' })
  programId: string;

  /** A bank business day, YYYY-MM-DD. */
  @Column('date', { name: 'transfer_date' })
  transferDate: string;

  @Column('text', { default: GrantBatchStatus.OPEN })
  status: GrantBatchStatus;

  @Column('text', { name: 'line_ending', default: 'CRLF' })
  lineEnding: 'CRLF' | 'LF' | 'NONE';

  @Column('integer', { name: 'record_count', default: 0 })
  recordCount: number;

  @Column('bigint', { name: 'total_amount', default: 0, transformer: bigintTransformer })
  totalAmount: bigint;

  @Column('bytea', { nullable: true, select: false })
  file: Buffer | null;

  @Column('text', { name: 'file_sha256', nullable: true })
  fileSha256: string | null;

  @Column('uuid', { name: 'created_by' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('uuid', { name: 'exported_by', nullable: true })
  exportedBy: string | null;

  @Column('timestamptz', { name: 'exported_at', nullable: true })
  exportedAt: Date | null;
}
