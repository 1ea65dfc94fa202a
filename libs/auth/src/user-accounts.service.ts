import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import { AuditLog } from '#audit';
import type { Actor } from './actor.js';
import { CreateStaffUserInput } from './api/create-staff-user.input.js';
import { AuthErrors } from './auth.errors.js';
import { MemberUserDraft } from './member-user.draft.js';
import { PasswordHasher } from './password-hasher.js';
import { Role } from './role.js';
import type { User } from './user.entity.js';
import { UserRepository } from './user.repository.js';
import { validateInput } from './validate-input.js';

export interface StaffUserDraft {
  email: string;
  displayName: string;
  password: string;
  grants: { role: Role; branchId?: string | null }[];
  locale?: 'ja' | 'en';
}

/**
 * Creates users: staff with a password and role grants, members with the MEMBER
 * role tied to their member record. Other libraries (members, seeding, the CLI)
 * call this; it validates its input itself, so every caller gets the same rules.
 */
@Injectable()
export class UserAccounts {
  constructor(
    private readonly tx: TransactionService,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditLog,
  ) {}

  /** A staff user with a password and grants. Errors name `input.<field>` (BAD_USER_INPUT). */
  async createStaffUser(draft: StaffUserDraft, actor: Actor): Promise<User> {
    const input = await validateInput(CreateStaffUserInput, draft, 'input');
    input.grants.forEach((g, i) => {
      if (g.role === Role.Member) throw AuthErrors.memberRoleNotGrantable(`input.grants.${i}.role`);
    });
    const grants = input.grants.map((g) => ({ role: g.role, branchId: g.branchId ?? null }));
    await this.requireBranches(grants.map((g) => g.branchId), (i) => `input.grants.${i}.branchId`);
    const passwordHash = await this.hasher.hash(input.password);
    return this.tx.run(async () => {
      const userId = await this.users.insertIfAbsent({
        email: input.email,
        displayName: input.displayName,
        passwordHash,
        memberId: null,
        locale: input.locale ?? 'ja',
      });
      if (!userId) throw AuthErrors.emailTaken('input.email');
      await this.users.addGrants(userId, grants);
      await this.audit.record(actor, {
        action: 'user.create',
        entityType: 'User',
        entityId: userId,
        after: { email: input.email, displayName: input.displayName, locale: input.locale ?? 'ja', grants },
      });
      return (await this.users.findById(userId))!;
    });
  }

  /**
   * The MEMBER user of a member record: created on first call, returned as it is
   * afterwards (idempotent). A user who already has this e-mail and no member
   * record (e.g. staff who is also a member) is linked to it.
   */
  async ensureMemberUser(draft: { memberId: string; email: string; displayName: string; locale?: 'ja' | 'en' }, actor: Actor): Promise<User> {
    const input = await validateInput(MemberUserDraft, draft, 'input');
    return this.tx.run(async () => {
      const existing = await this.users.findByMemberId(input.memberId);
      if (existing) return existing;
      const byEmail = await this.users.findByEmail(input.email);
      if (byEmail?.memberId) throw AuthErrors.memberAlreadyLinked('input.email');
      let userId: string;
      if (byEmail) {
        await this.users.linkMember(byEmail.id, input.memberId);
        userId = byEmail.id;
      } else {
        const inserted = await this.users.insertIfAbsent({
          email: input.email,
          displayName: input.displayName,
          passwordHash: null,
          memberId: input.memberId,
          locale: input.locale ?? 'ja',
        });
        if (!inserted) {
          // Someone created it concurrently: the same member (return theirs) or the same e-mail.
          const raced = await this.users.findByMemberId(input.memberId);
          if (raced) return raced;
          throw AuthErrors.emailTaken('input.email');
        }
        userId = inserted;
      }
      const memberGrant = { role: Role.Member, branchId: null };
      await this.users.addGrants(userId, [memberGrant]);
      await this.audit.record(actor, {
        action: byEmail ? 'user.link_member' : 'user.create',
        entityType: 'User',
        entityId: userId,
        before: byEmail ? { memberId: null } : null,
        after: byEmail
          ? { memberId: input.memberId, grants: [memberGrant] }
          : { email: input.email, displayName: input.displayName, memberId: input.memberId, grants: [memberGrant] },
      });
      return (await this.users.findById(userId))!;
    });
  }

  /** BAD_USER_INPUT on each grant whose branch does not exist (one query for all). */
  async requireBranches(branchIds: (string | null)[], field: (index: number) => string): Promise<void> {
    const known = await this.users.existingBranchIds([...new Set(branchIds.filter((b): b is string => b !== null))]);
    const missing = branchIds.flatMap((b, i) => (b !== null && !known.has(b) ? [field(i)] : []));
    if (missing.length > 0) throw AuthErrors.unknownBranches(missing);
  }
}
