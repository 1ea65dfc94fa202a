import { Injectable, type OnModuleInit } from '@nestjs/common';
import { TransactionService } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { MemberTransferHooks, type MemberTransferHook } from '#members';
import type { Membership } from './membership.entity.js';
import { MembershipRepository } from './membership.repository.js';

/**
 * A member moved to another home branch (転籍): their current membership
 * follows, so later invoices belong to the new branch. Invoices already issued
 * stay with the branch that issued them (their numbers and entries are that branch's).
 * Registered with members' MemberTransferHooks, so it runs inside the transfer's
 * transaction (members cannot import dues).
 */
@Injectable()
export class MembershipTransfer implements OnModuleInit, MemberTransferHook {
  constructor(
    private readonly tx: TransactionService,
    private readonly memberships: MembershipRepository,
    private readonly audit: AuditLog,
    private readonly transferHooks: MemberTransferHooks,
  ) {}

  /** A member's transfer (members' transferMember) takes the current membership along, in the same transaction. */
  onModuleInit(): void {
    this.transferHooks.register(this);
  }

  async afterMemberTransfer(actor: Actor, memberId: string, _from: string, toBranchId: string): Promise<void> {
    await this.followMember(actor, memberId, toBranchId);
  }

  async followMember(actor: Actor, memberId: string, toBranchId: string): Promise<Membership | null> {
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
