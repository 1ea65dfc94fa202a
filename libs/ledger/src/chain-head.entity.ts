import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last link of one of a book's hash chains: its own (chainWith = the book) or the one it keeps with
 * another book. Posting locks this row: one writer per chain at a time.
 */
@Entity('ledger_chain_heads')
export class ChainHead {
  @PrimaryColumn('uuid', { name: 'book_id' })
  bookId: string;

  @PrimaryColumn('uuid', { name: 'chain_with' })
  chainWith: string;

  @Column('bigint', { name: 'last_seq', default: 0 })
  lastSeq: string;

  @Column('text', { name: 'last_hash' })
  lastHash: string;
}
