import { Injectable } from '@nestjs/common';
import { TransactionService, isUniqueViolation } from '#core';
import { AuditLog, type AuditRecord } from '#audit';
import type { Actor } from '#access';
import { CreateStaffUserInput } from './api/create-staff-user.input.js';
import { AuthErrors } from './auth.errors.js';
import { MemberLinkConfirmations } from './member-link-confirmations.service.js';
import { MemberUserDraft } from './member-user.draft.js';
import { PasswordHasher } from './password-hasher.js';
import { Role } from '#access';
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

export interface MemberUserOptions {
  /** The input field a taken e-mail address is reported on (BAD_USER_INPUT); `input.email` when absent. */
  emailField?: string;
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
    private readonly confirmations: MemberLinkConfirmations,
  ) {}

  /** A staff user with a password and grants. Errors name `input.<field>` (BAD_USER_INPUT). */
  async createStaffUser(draft: StaffUserDraft, actor: Actor): Promise<User> {
    const input = await validateInput(CreateStaffUserInput, draft, 'input');
    input.grants.forEach((g, i) => {
      if (g.role === Role.MEMBER) throw AuthErrors.memberRoleNotGrantable(`input.grants.${i}.role`);
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
   * The MEMBER user of a member record: created on first call, returned as it is afterwards
   * (idempotent). An address that already signs in another member: BAD_USER_INPUT (EMAIL_TAKEN).
   * An address of a user without a member record (staff who are also members) links nothing on
   * the registering staff's word: that user is e-mailed and links it themselves
   * (MemberLinkConfirmations); null until then.
   */
  async ensureMemberUser(
    draft: { memberId: string; email: string; displayName: string; locale?: 'ja' | 'en'; memberNumber?: string },
    actor: Actor,
    options: MemberUserOptions = {},
  ): Promise<User | null> {
    const input = await validateInput(MemberUserDraft, draft, 'input');
    const emailField = options.emailField ?? 'input.email';
    return this.tx.run(async () => {
      const existing = await this.users.findByMemberId(input.memberId);
      if (existing) return existing;
      const byEmail = await this.users.findByEmail(input.email);
      if (byEmail?.memberId) throw AuthErrors.memberAlreadyLinked(emailField);
      if (byEmail) {
        if (byEmail.active) await this.confirmations.ask(byEmail, input);
        return null;
      }
      const userId = await this.users.insertIfAbsent({
        email: input.email,
        displayName: input.displayName,
        passwordHash: null,
        memberId: input.memberId,
        locale: input.locale ?? 'ja',
      });
      if (!userId) {
        // Someone created it concurrently: the same member (return theirs) or the same e-mail.
        const raced = await this.users.findByMemberId(input.memberId);
        if (raced) return raced;
        throw AuthErrors.emailTaken(emailField);
      }
      await this.users.grantMemberRole([userId]);
      await this.audit.record(actor, createdEvent(userId, input));
      return (await this.users.findById(userId))!;
    });
  }

  /**
   * ensureMemberUser for many member records at once (imports, seeding), set-based: one
   * look-up, one INSERT, one INSERT of grants and audit events in bulk, whatever the count.
   * It opens new users only: all or nothing, a draft whose e-mail belongs to any user already
   * (another member's, or staff's: linking needs that user's own confirmation) or repeats an
   * earlier draft's fails the whole call with BAD_USER_INPUT naming `emailField(index)` of
   * each, and nothing is written.
   */
  async ensureMemberUsers(
    drafts: readonly { memberId: string; email: string; displayName: string; locale?: 'ja' | 'en' }[],
    actor: Actor,
    options: { emailField?: (index: number) => string } = {},
  ): Promise<{ created: number }> {
    const inputs: MemberUserDraft[] = [];
    for (const [i, d] of drafts.entries()) inputs.push(await validateInput(MemberUserDraft, d, `input.${i}`));
    const emailField = options.emailField ?? ((i: number) => `input.${i}.email`);
    return this.tx.run(async () => {
      const known = await this.users.signInsOf(
        inputs.map((d) => d.memberId),
        inputs.map((d) => d.email),
      );
      const byMember = new Set(known.flatMap((u) => (u.memberId ? [u.memberId] : [])));
      const byEmail = new Map(known.map((u) => [u.email, u]));
      const claimed = new Set<string>();
      const fresh: MemberUserDraft[] = [];
      const taken: number[] = [];
      inputs.forEach((d, i) => {
        if (byMember.has(d.memberId)) return;
        if (claimed.has(d.email) || byEmail.has(d.email)) taken.push(i);
        else fresh.push(d);
        claimed.add(d.email);
      });
      if (taken.length > 0) throw AuthErrors.emailsTaken(taken.map(emailField));
      const inserted = await this.users.insertMemberUsers(fresh.map((d) => ({ email: d.email, displayName: d.displayName, memberId: d.memberId, locale: d.locale ?? 'ja' })));
      if (inserted.length < fresh.length) {
        // Created concurrently since the look-up: report those drafts; the caller's transaction rolls back.
        const done = new Set(inserted.map((u) => u.memberId));
        throw AuthErrors.emailsTaken(inputs.flatMap((d, i) => (fresh.includes(d) && !done.has(d.memberId) ? [emailField(i)] : [])));
      }
      await this.users.grantMemberRole(inserted.map((u) => u.id));
      const draftOf = new Map(fresh.map((d) => [d.memberId, d]));
      await this.audit.recordMany(actor, inserted.map((u) => createdEvent(u.id, draftOf.get(u.memberId!)!)));
      return { created: inserted.length };
    });
  }

  /**
   * The member's sign-in address (and name in e-mails) becomes `email` (and `displayName`);
   * null when the member record has no user. Unused sign-in links stop working: they went to
   * the old address. An address of another user: BAD_USER_INPUT (EMAIL_TAKEN) on
   * `emailField`, nothing written. Audited as `user.change_email` (`user.rename` when only the name changes).
   * A user holding any role besides MEMBER (staff who are also members) is never renamed by a
   * member edit: a new address is refused (STAFF_ACCOUNT on `emailField`), a new name leaves
   * their own display name as it is.
   */
  async changeMemberEmail(memberId: string, email: string, actor: Actor, options: MemberUserOptions & { displayName?: string } = {}): Promise<User | null> {
    const emailField = options.emailField ?? 'input.email';
    return this.tx.run(async () => {
      const user = await this.users.lockByMemberId(memberId);
      if (!user) return null;
      const input = await validateInput(MemberUserDraft, { memberId, email, displayName: options.displayName ?? user.displayName }, 'input');
      if (input.email === user.email && input.displayName === user.displayName) return user;
      if (user.grants.some((g) => g.role !== Role.MEMBER)) {
        if (input.email !== user.email) throw AuthErrors.staffSignIn(emailField);
        return user;
      }
      if (input.email !== user.email) {
        const holder = await this.users.findByEmail(input.email);
        if (holder) throw AuthErrors.emailTaken(emailField);
        await this.users.revokeUnusedLoginTokens(user.id);
      }
      try {
        await this.users.rename(user.id, input.email, input.displayName);
      } catch (error) {
        throw isUniqueViolation(error) ? AuthErrors.emailTaken(emailField) : error;
      }
      await this.audit.record(actor, {
        action: input.email !== user.email ? 'user.change_email' : 'user.rename',
        entityType: 'User',
        entityId: user.id,
        before: { email: user.email, displayName: user.displayName },
        after: { email: input.email, displayName: input.displayName },
      });
      return (await this.users.findById(user.id))!;
    });
  }

  /**
   * Of these e-mail addresses, those of existing users (members' or staff's), which
   * ensureMemberUsers refuses: one query (imports check rows before inserting).
   */
  async emailsOfUsers(emails: readonly string[]): Promise<Set<string>> {
    const users = await this.users.signInsOf([], [...new Set(emails.map((e) => e.trim().toLowerCase()))]);
    return new Set(users.map((u) => u.email));
  }

  /** BAD_USER_INPUT on each grant whose branch does not exist (one query for all). */
  async requireBranches(branchIds: (string | null)[], field: (index: number) => string): Promise<void> {
    const known = await this.users.existingBranchIds([...new Set(branchIds.filter((b): b is string => b !== null))]);
    const missing = branchIds.flatMap((b, i) => (b !== null && !known.has(b) ? [field(i)] : []));
    if (missing.length > 0) throw AuthErrors.unknownBranches(missing);
  }
}

const MEMBER_GRANT = { role: Role.MEMBER, branchId: null };

function createdEvent(userId: string, d: { email: string; displayName: string; memberId: string }): AuditRecord {
  return { action: 'user.create', entityType: 'User', entityId: userId, after: { email: d.email, displayName: d.displayName, memberId: d.memberId, grants: [MEMBER_GRANT] } };
}
