import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { MembershipStatus } from './membership-status.js';

/** The history of a membership's status: one row per change, the first one at joining (from_status null). */
@Entity('membership_status_changes')
@Index('membership_status_changes_membership_idx', ['membershipId', 'id'])
export class MembershipStatusChange {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'membership_id' })
  membershipId: string;

  @Column('text', { name: 'from_status', nullable: true })
  fromStatus: MembershipStatus | null;

  @Column('text', { name: 'to_status' })
  toStatus: MembershipStatus;

  /** A MembershipEvent, or JOIN for the first row. */
  @Column('text')
  event: string;

  @Column('date', { name: 'effective_on' })
  effectiveOn: string;

  /** The invoice whose payment (or issue) caused the change, if any. */
  @Column('uuid', { name: 'invoice_id', nullable: true })
  invoiceId: string | null;

  @Column('uuid', { name: 'actor_user_id', nullable: true })
  actorUserId: string | null;

  @Column('timestamptz', { name: 'occurred_at', default: () => 'now()' })
  occurredAt: Date;
}
