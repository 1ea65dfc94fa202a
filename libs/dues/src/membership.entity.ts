import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { MembershipStatus } from './membership-status.js';

/**
 * A member's membership of the federation through a dues plan, in the member's
 * home branch. (In this codebase Membership lives in libs/dues, beside the
 * plans and invoices that drive it.) `periodStart`…`periodEnd` is the latest
 * period invoiced; `paidThrough` the end of the latest period paid in full.
 */
@Entity('memberships')
@Index('memberships_member_current_key', ['memberId'], { unique: true, where: "status <> 'CANCELLED'" })
@Index('memberships_branch_idx', ['branchId', 'id'])
@Index('memberships_member_idx', ['memberId'])
@Index('memberships_plan_idx', ['planId'])
@Index('memberships_next_plan_idx', ['nextPlanId'], { where: 'next_plan_id IS NOT NULL' })
@Index('memberships_auto_renew_idx', ['id'], { where: 'auto_renew' })
// The key of invoices' foreign key (membership_id, member_id): an invoice's member is its membership's (migration 1764000430000).
@Index('memberships_id_member_key', ['id', 'memberId'], { unique: true })
@Index('memberships_paid_ahead_idx', ['joinedOn'], { where: "status = 'PENDING' AND paid_through IS NOT NULL" })
export class Membership {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'member_id' })
  memberId: string;

  @Column('uuid', { name: 'branch_id' })
  branchId: string;

  @Column('uuid', { name: 'plan_id' })
  planId: string;

  /** The plan the next period's invoice will use (a change of plan at renewal). */
  @Column('uuid', { name: 'next_plan_id', nullable: true })
  nextPlanId: string | null;

  @Column('text')
  status: MembershipStatus;

  /** The join date; for anniversary plans, the anchor of every period. */
  @Column('date', { name: 'joined_on' })
  joinedOn: string;

  @Column('date', { name: 'period_start' })
  periodStart: string;

  @Column('date', { name: 'period_end' })
  periodEnd: string;

  @Column('date', { name: 'paid_through', nullable: true })
  paidThrough: string | null;

  /** The member's saved card is charged off-session on the due date of each renewal invoice. */
  @Column('boolean', { name: 'auto_renew', default: false })
  autoRenew: boolean;

  @Column('date', { name: 'cancelled_on', nullable: true })
  cancelledOn: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
