import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MemberKind } from './member-number.js';

/** The next member number per kind; the row is locked by the transaction that takes numbers. */
@Entity('member_number_counters')
export class MemberNumberCounter {
  @PrimaryColumn('text')
  kind: MemberKind;

  @Column('int', { name: 'next_value' })
  nextValue: number;
}
