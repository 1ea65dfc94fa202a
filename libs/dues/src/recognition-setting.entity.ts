import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { RecognitionPolicy } from './recognition-policy.js';

/** The federation's dues recognition policy (one row; absent = ON_RECEIPT). */
@Entity('dues_recognition_settings')
export class RecognitionSetting {
  @PrimaryColumn('smallint', { default: 1 })
  id: number;

  @Column('text')
  policy: RecognitionPolicy;

  @Column('uuid', { name: 'updated_by', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A book that keeps its dues on another basis than the federation's setting. */
@Entity('dues_recognition_book_overrides')
export class RecognitionBookOverride {
  @PrimaryColumn('uuid', { name: 'book_id' })
  bookId: string;

  @Column('text')
  policy: RecognitionPolicy;

  @Column('uuid', { name: 'updated_by', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
