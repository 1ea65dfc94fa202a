import { Injectable } from '@nestjs/common';
import { AppConfig, TransactionService } from '#core';
import { AuditLog } from '#audit';
import { EmailOutbox } from '#notifications';
import type { Actor } from '#access';
import { ActorService } from './actor.service.js';
import { AuthErrors } from './auth.errors.js';
import { Role } from '#access';
import type { User } from './user.entity.js';
import { UserRepository } from './user.repository.js';

/** The member record a user is asked to confirm as theirs. */
export interface MemberToConfirm {
  memberId: string;
  memberNumber?: string;
  /** The member's name (the user's own display name stays as it is). */
  displayName: string;
}

/**
 * A member record registered with the address of an existing user who has none (e.g. staff who
 * are also members) is linked to that user only by the user's own confirmation: staff registering
 * a member cannot vouch for whose address it is. Registration queues an e-mail to the address the
 * user already has; the user, signed in with their password, confirms (confirmMyMemberRecord).
 * The e-mail carries no secret: it signs nobody in and links nothing by itself.
 */
@Injectable()
export class MemberLinkConfirmations {
  constructor(
    private readonly tx: TransactionService,
    private readonly users: UserRepository,
    private readonly emails: EmailOutbox,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
    private readonly actors: ActorService,
  ) {}

  /** Asks `user` (by e-mail, in the caller's transaction) to confirm `member` as theirs. */
  async ask(user: User, member: MemberToConfirm): Promise<void> {
    const link = `${this.config.publicUrl.replace(/\/+$/, '')}/confirm-member?member=${member.memberId}`;
    await this.emails.queue({
      idempotencyKey: `member-account-confirmation:${member.memberId}:${user.id}`,
      to: user.email,
      template: 'member-account-confirmation',
      locale: user.locale,
      params: { displayName: user.displayName, memberNumber: member.memberNumber ?? '', memberName: member.displayName, link },
    });
  }

  /**
   * The signed-in user confirms that `memberId` (whose sign-in address the caller has checked is
   * theirs) is their member record: linked, MEMBER granted, audited as the user themselves.
   * Refused for a session opened by an e-mailed link, for a user who already is a member, and
   * for a member record that already has a user.
   */
  async confirm(actor: Actor, memberId: string): Promise<User> {
    if (actor.via !== 'password') throw AuthErrors.passwordSessionRequired();
    const confirmed = await this.tx.run(async () => {
      const user = await this.users.lock(actor.userId);
      if (!user?.active) throw AuthErrors.userNotFound(actor.userId);
      if (user.memberId) throw AuthErrors.alreadyAMember('memberId');
      if (await this.users.findByMemberId(memberId)) throw AuthErrors.memberHasAccount('memberId');
      await this.users.linkMember(user.id, memberId);
      await this.users.grantMemberRole([user.id]);
      await this.audit.record(actor, {
        action: 'user.link_member',
        entityType: 'User',
        entityId: user.id,
        before: { memberId: null },
        after: { memberId, grants: [{ role: Role.MEMBER, branchId: null }], confirmedBy: 'user' },
      });
      return (await this.users.findById(user.id))!;
    });
    this.actors.forget(actor.userId);
    return confirmed;
  }
}
