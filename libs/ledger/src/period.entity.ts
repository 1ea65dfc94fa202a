import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum PeriodStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

/** A month of one book that has been closed (and maybe reopened). Months without a row are open. */
@Entity('ledger_periods')
export class Period {
  @PrimaryColumn('uuid', { name: 'book_id' })
  bookId: string;

  /** First day of the month, YYYY-MM-01. */
  @PrimaryColumn('date')
  month: string;

  @Column('text')
  status: PeriodStatus;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column('uuid', { name: 'closed_by', nullable: true })
  closedBy: string | null;

  @Column('timestamptz', { name: 'reopened_at', nullable: true })
  reopenedAt: Date | null;

  @Column('uuid', { name: 'reopened_by', nullable: true })
  reopenedBy: string | null;
}
