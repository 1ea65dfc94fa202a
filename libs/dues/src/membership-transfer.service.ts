import { Injectable } from '@nestjs/common';
import { OnDomainEvent, TransactionService, type DomainEventPayloads } from '#core';
import { AuditLog, type AuditActor } from '#audit';
import type { Membership } from './membership.entity.js';
import { MembershipRepository } from './membership.repository.js';

/**
 * A member moved to another home branch (転籍): their current membership
 * follows, so later invoices belong to the new branch. Invoices already issued
 * stay with the branch that issued them (their numbers and entries are that branch's).
 * Listens to members' `member.transferred` inside the transfer's transaction (members
 * cannot import dues): the member and the membership move together or not at all.
 */
@Injectable()
export class MembershipTransfer {
  constructor(
    private readonly tx: TransactionService,
    private readonly memberships: MembershipRepository,
    private readonly audit: AuditLog,
  ) {}

  /** A member's transfer (members' transferMember) takes the current membership along, in the same transaction. */
  @OnDomainEvent('member.transferred', 'in-transaction')
  async onMemberTransferred(event: DomainEventPayloads['member.transferred']): Promise<void> {
    await this.followMember(event.actor, event.memberId, event.toBranchId);
  }

  async followMember(actor: AuditActor, memberId: string, toBranchId: string): Promise<Membership | null> {
    return this.tx.run(async () => {
      const membership = await this.memberships.lockCurrentForMember(memberId);
      if (!membership || membership.branchId === toBranchId) return membership;
      const from = membership.branchId;
      membership.branchId = toBranchId;
      const saved = await this.memberships.save(membership);
      await this.audit.record(actor, {
        action: 'membership.transfer',
        entityType: 'Membership',
        entityId: membership.id,
        branchId: from,
        before: { branchId: from },
        after: { branchId: toBranchId },
      });
      return saved;
    });
  }
}
