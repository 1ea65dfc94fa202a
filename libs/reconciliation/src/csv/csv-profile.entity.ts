import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CsvProfile } from './csv-profile.js';

/** A CSV profile an admin added for a bank not among the built-in ones. */
@Entity('reconciliation_csv_profiles')
export class CsvProfileRecord {
  @PrimaryColumn('text')
  code: string;

  @Column('text')
  name: string;

  /** The profile without its code: names, encoding, columns, date format. */
  @Column('jsonb')
  definition: Omit<CsvProfile, 'code'>;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
