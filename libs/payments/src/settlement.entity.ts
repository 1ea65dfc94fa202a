import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '#core';
import { SettlementDirection } from './payment-postings.js';

/** A transfer between a branch and the federation clearing what one owes the other. */
@Entity('settlements')
@Index('settlements_branch_posted_idx', ['branchId', 'postedOn', 'id'])
@Index('settlements_idempotency_key_key', ['idempotencyKey'], { unique: true })
export class Settlement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'branch_id' })
  branchId: string;

  @Column('text')
  direction: SettlementDirection;

  @Column('bigint', { transformer: bigintTransformer })
  amount: bigint;

  @Column('char', { length: 3 })
  currency: string;

  @Column('date', { name: 'settled_on' })
  settledOn: string;

  /** Bank transfer reference. */
  @Column('text', { nullable: true })
  reference: string | null;

  @Column('text', { nullable: true })
  memo: string | null;

  @Column('text', { name: 'idempotency_key' })
  idempotencyKey: string;

  @Column('text', { name: 'request_hash' })
  requestHash: string;

  @Column('uuid', { name: 'branch_entry_id', nullable: true })
  branchEntryId: string | null;

  /** The branch book's entry date (later than settled_on when that month was closed): the statement's date. */
  @Column('date', { name: 'posted_on', nullable: true })
  postedOn: string | null;

  @Column('uuid', { name: 'federation_entry_id', nullable: true })
  federationEntryId: string | null;

  @Column('uuid', { name: 'recorded_by' })
  recordedBy: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
