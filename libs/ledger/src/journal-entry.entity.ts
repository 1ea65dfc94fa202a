import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { JournalSource } from './posting.js';

/**
 * A posted journal entry (仕訳). Append-only (PostgreSQL refuses UPDATE and DELETE);
 * hash-chained: `hash` covers the content and `prevHash`, the hash of the previous entry of its chain. A book
 * keeps its own chain and one with each book it has entries between (see `chainOf`).
 */
@Entity('journal_entries')
/** One position per chain: unique (book_id, COALESCE(chain_with, book_id), seq), an expression index (migration 1764000460000). */
@Index('journal_entries_chain_seq_key', { synchronize: false })
@Index('journal_entries_book_idempotency_key', ['bookId', 'idempotencyKey'], { unique: true })
@Index('journal_entries_reverses_key', ['reversesEntryId'], { unique: true, where: 'reverses_entry_id IS NOT NULL' })
@Index('journal_entries_line_target_key', ['id', 'bookId', 'entryDate'], { unique: true })
@Index('journal_entries_source_idx', ['source', 'sourceId'])
@Index('journal_entries_book_posted_idx', ['bookId', 'entryDate', 'createdAt', 'seq', 'id'])
export class JournalEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'book_id' })
  bookId: string;

  /** Position in its hash chain, 1, 2, 3… */
  @Column('bigint')
  seq: string;

  /** The other book of the chain it is linked into; null: its book's own chain. */
  @Column('uuid', { name: 'chain_with', nullable: true })
  chainWith: string | null;

  /** Where it was posted (a closed month moves business items to the next open one). */
  @Column('date', { name: 'entry_date' })
  entryDate: string;

  /** The business date asked for. */
  @Column('date', { name: 'requested_date' })
  requestedDate: string;

  @Column('text')
  source: JournalSource;

  @Column('text', { name: 'source_id' })
  sourceId: string;

  @Column('text', { name: 'idempotency_key' })
  idempotencyKey: string;

  @Column('text')
  memo: string;

  @Column('char', { length: 3 })
  currency: string;

  @Column('uuid', { name: 'reverses_entry_id', nullable: true })
  reversesEntryId: string | null;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('text', { name: 'prev_hash' })
  prevHash: string;

  @Column('text')
  hash: string;
}
