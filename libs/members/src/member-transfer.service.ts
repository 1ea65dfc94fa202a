import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainEvents, TransactionService } from '#core';
import { MEMBER_TRANSFERRERS, requireBranch, type Actor } from '#auth';
import { AuditLog } from '#audit';
import { BranchDirectory } from '#federation';
import type { Member } from './member.entity.js';
import { MemberRepository } from './member.repository.js';
import { MemberError } from './members.errors.js';

/** Moving a member to another home branch (転籍). */
@Injectable()
export class MemberTransfer {
  constructor(
    private readonly tx: TransactionService,
    private readonly members: MemberRepository,
    private readonly branches: BranchDirectory,
    private readonly audit: AuditLog,
    private readonly events: DomainEvents,
  ) {}

  async transfer(actor: Actor, memberId: string, toBranchId: string, reason?: string | null): Promise<Member> {
    return this.tx.run(async () => {
      const member = await this.members.lockById(memberId);
      if (!member) throw MemberError.notFound(memberId);
      requireBranch(actor, member.branchId, MEMBER_TRANSFERRERS);
      const target = await this.branches.find(toBranchId);
      if (!target) throw MemberError.unknownBranch('input.toBranchId', toBranchId);
      if (target.id === member.branchId) throw MemberError.alreadyInBranch();
      const from = await this.branches.get(member.branchId);
      member.branchId = target.id;
      await this.members.saveMember(member);
      await this.audit.record(actor, {
        action: 'member.transfer',
        entityType: 'Member',
        entityId: member.id,
        branchId: from.id,
        before: { branchId: from.id, branchCode: from.code },
        after: { branchId: target.id, branchCode: target.code, reason: reason ?? null },
      });
      await this.events.publish(
        'member.transferred',
        { memberId: member.id, fromBranchId: from.id, toBranchId: target.id, actor: { userId: actor.userId, email: actor.email, displayName: actor.displayName } },
        `member-transferred.${member.id}.${randomUUID()}`,
      );
      return (await this.members.findById(member.id))!;
    });
  }
}
