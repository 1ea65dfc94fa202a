import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last link of a book's hash chain. Posting locks this row: one writer per book at a time. */
@Entity('ledger_chain_heads')
export class ChainHead {
  @PrimaryColumn('uuid', { name: 'book_id' })
  bookId: string;

  @Column('bigint', { name: 'last_seq', default: 0 })
  lastSeq: string;

  @Column('text', { name: 'last_hash' })
  lastHash: string;
}
