import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last number used per issuing book, year and kind. Taken with an UPSERT that locks the row
 * until the issuing transaction ends, so numbers have no gaps: a rolled-back issue gives its
 * number back. Not a PostgreSQL sequence (sequences never give numbers back).
 */
@Entity('receipt_counters')
export class ReceiptCounter {
  @PrimaryColumn('uuid', { name: 'book_id' })
  bookId: string;

  @PrimaryColumn('int')
  year: number;

  @PrimaryColumn('text')
  kind: string;

  @Column('int', { name: 'last_sequence' })
  lastSequence: number;
}
