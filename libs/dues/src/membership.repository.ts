import { Injectable } from '@nestjs/common';
import { groupBy } from './group-by.js';
import { TransactionService } from '#core';
import { MembershipStatusChange } from './membership-status-change.entity.js';
import { Membership } from './membership.entity.js';

/** Memberships and their status history in the current transaction. */
@Injectable()
export class MembershipRepository {
  constructor(private readonly tx: TransactionService) {}

  private get repo() {
    return this.tx.repository(Membership);
  }

  async findById(id: string): Promise<Membership | null> {
    return this.repo.findOne({ where: { id } });
  }

  async lockById(id: string): Promise<Membership | null> {
    return this.repo.createQueryBuilder('m').where('m.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  /** The member's membership that is not cancelled (at most one), locked. */
  async lockCurrentForMember(memberId: string): Promise<Membership | null> {
    return this.repo
      .createQueryBuilder('m')
      .where('m.member_id = :memberId', { memberId })
      .andWhere(`m.status <> 'CANCELLED'`)
      .setLock('pessimistic_write')
      .getOne();
  }

  async insert(membership: Membership): Promise<Membership> {
    return this.repo.save(membership);
  }

  /** Writes a locked membership's standing (status, paid through) without re-reading it first (save() would). */
  async updateStanding(membership: Membership): Promise<void> {
    await this.repo.update({ id: membership.id }, { status: membership.status, paidThrough: membership.paidThrough });
  }

  async save(membership: Membership): Promise<Membership> {
    return this.repo.save(membership);
  }

  async recordStatusChange(change: Omit<MembershipStatusChange, 'id' | 'occurredAt'>): Promise<void> {
    await this.tx.repository(MembershipStatusChange).insert(change);
  }

  /**
   * Memberships paid in advance whose join date has come (PENDING, joined on or before `today`,
   * paid through today or later) become ACTIVE, each with its history row (`event`, effective on
   * the join date), in one statement. Returns how many.
   */
  async activateStarted(today: string, event: string, branchId?: string): Promise<number> {
    const rows: unknown[] = await this.tx.manager.query(
      `WITH started AS (
         UPDATE memberships SET status = 'ACTIVE'
          WHERE status = 'PENDING' AND joined_on <= $1 AND paid_through >= $1 AND ($3::uuid IS NULL OR branch_id = $3::uuid)
          RETURNING id, joined_on)
       INSERT INTO membership_status_changes (membership_id, from_status, to_status, event, effective_on)
       SELECT id, 'PENDING', 'ACTIVE', $2, joined_on FROM started
       RETURNING membership_id`,
      [today, event, branchId ?? null],
    );
    return rows.length;
  }

  /** The status histories of many memberships in one query, oldest first, by membership. */
  async histories(membershipIds: readonly string[]): Promise<Map<string, MembershipStatusChange[]>> {
    const rows = membershipIds.length
      ? await this.tx
          .repository(MembershipStatusChange)
          .createQueryBuilder('h')
          .where('h.membership_id = ANY(:ids)', { ids: [...new Set(membershipIds)] })
          .orderBy('h.id', 'ASC')
          .getMany()
      : [];
    return groupBy(rows, (h) => h.membershipId);
  }
}
