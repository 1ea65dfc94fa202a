import { Injectable } from '@nestjs/common';
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

  async save(membership: Membership): Promise<Membership> {
    return this.repo.save(membership);
  }

  async recordStatusChange(change: Omit<MembershipStatusChange, 'id' | 'occurredAt'>): Promise<void> {
    await this.tx.repository(MembershipStatusChange).insert(change);
  }

  async history(membershipId: string): Promise<MembershipStatusChange[]> {
    return this.tx.repository(MembershipStatusChange).find({ where: { membershipId }, order: { id: 'ASC' } });
  }
}
