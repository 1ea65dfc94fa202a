import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import { AuditLog } from '#audit';
import type { Actor } from '#access';
import { ActorService } from './actor.service.js';
import { AuthErrors } from './auth.errors.js';
import { Role } from '#access';
import type { User } from './user.entity.js';
import { UserAccounts } from './user-accounts.service.js';
import { UserRepository, type GrantRow } from './user.repository.js';

/**
 * A federation admin's changes to existing users: roles granted and revoked,
 * users deactivated. There is always at least one active federation admin left.
 */
@Injectable()
export class UserAdministration {
  constructor(
    private readonly tx: TransactionService,
    private readonly users: UserRepository,
    private readonly accounts: UserAccounts,
    private readonly audit: AuditLog,
    private readonly actors: ActorService,
  ) {}

  async grantRole(userId: string, grant: GrantRow, actor: Actor): Promise<User> {
    if (grant.role === Role.MEMBER) throw AuthErrors.memberRoleNotGrantable('input.role');
    await this.accounts.requireBranches([grant.branchId], () => 'input.branchId');
    return this.forgettingAfter(userId, async () => {
      await this.lockUser(userId);
      if ((await this.users.addGrants(userId, [grant])) > 0) {
        await this.audit.record(actor, { action: 'user.grant_role', entityType: 'User', entityId: userId, branchId: grant.branchId, after: { grant } });
      }
      return (await this.users.findById(userId))!;
    });
  }

  async revokeRole(userId: string, grant: GrantRow, actor: Actor): Promise<User> {
    if (grant.role === Role.MEMBER) throw AuthErrors.memberRoleNotGrantable('input.role');
    return this.forgettingAfter(userId, async () => {
      if (grant.role === Role.FEDERATION_ADMIN) await this.requireAnotherAdmin(userId);
      await this.lockUser(userId);
      if (!(await this.users.removeGrant(userId, grant))) throw AuthErrors.grantNotFound();
      await this.audit.record(actor, { action: 'user.revoke_role', entityType: 'User', entityId: userId, branchId: grant.branchId, before: { grant } });
      return (await this.users.findById(userId))!;
    });
  }

  /** The user can no longer sign in, and their open sessions end. */
  async deactivateUser(userId: string, actor: Actor): Promise<User> {
    if (userId === actor.userId) throw AuthErrors.cannotDeactivateSelf();
    return this.forgettingAfter(userId, async () => {
      const user = await this.lockUser(userId);
      if (!user.active) return (await this.users.findById(userId))!;
      await this.requireAnotherAdmin(userId);
      await this.users.deactivate(userId);
      await this.audit.record(actor, { action: 'user.deactivate', entityType: 'User', entityId: userId, before: { active: true }, after: { active: false } });
      return (await this.users.findById(userId))!;
    });
  }

  /** Runs `work` in a transaction; once committed, this process forgets the user's cached actor. */
  private async forgettingAfter<T>(userId: string, work: () => Promise<T>): Promise<T> {
    try {
      return await this.tx.run(work);
    } finally {
      this.actors.forget(userId);
    }
  }

  private async lockUser(userId: string): Promise<User> {
    const user = await this.users.lock(userId);
    if (!user) throw AuthErrors.userNotFound(userId);
    return user;
  }

  /** Refuses when `userId` is the last active federation admin (serialized by a lock). */
  private async requireAnotherAdmin(userId: string): Promise<void> {
    await this.users.lockRole(Role.FEDERATION_ADMIN);
    const holds = (await this.users.findById(userId))?.grants.some((g) => g.role === Role.FEDERATION_ADMIN);
    if (holds && (await this.users.countActiveHolders(Role.FEDERATION_ADMIN, userId)) === 0) throw AuthErrors.lastFederationAdmin();
  }
}
