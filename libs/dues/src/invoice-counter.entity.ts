import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last invoice sequence issued per branch and fiscal year; locked by the issuing transaction (gap-free, not a sequence). */
@Entity('dues_invoice_counters')
export class InvoiceCounter {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  branchId: string;

  @PrimaryColumn('int', { name: 'fiscal_year' })
  fiscalYear: number;

  @Column('int', { name: 'last_sequence', default: 0 })
  lastSequence: number;
}
