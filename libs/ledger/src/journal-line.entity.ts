import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '#core';
import type { Side } from './posting.js';

/** One debit or credit of a journal entry. book_id and entry_date repeat the entry's, for balance queries. */
@Entity('journal_lines')
@Index('journal_lines_entry_line_key', ['entryId', 'lineNo'], { unique: true })
@Index('journal_lines_account_date_idx', ['accountId', 'entryDate', 'id'])
@Index('journal_lines_counterparty_idx', ['accountId', 'counterpartyBookId', 'entryDate'], { where: 'counterparty_book_id IS NOT NULL' })
@Index('journal_lines_fund_idx', ['bookId', 'fundCode', 'entryDate'], { where: 'fund_code IS NOT NULL' })
export class JournalLine {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'entry_id' })
  entryId: string;

  @Column('uuid', { name: 'book_id' })
  bookId: string;

  @Column('date', { name: 'entry_date' })
  entryDate: string;

  @Column('smallint', { name: 'line_no' })
  lineNo: number;

  @Column('uuid', { name: 'account_id' })
  accountId: string;

  @Column('text')
  side: Side;

  /** Positive minor units. */
  @Column('bigint', { transformer: bigintTransformer })
  amount: bigint;

  @Column('uuid', { name: 'counterparty_book_id', nullable: true })
  counterpartyBookId: string | null;

  @Column('text', { name: 'fund_code', nullable: true })
  fundCode: string | null;

  @Column('text', { nullable: true })
  memo: string | null;
}
