import { Injectable } from '@nestjs/common';
import { Clock, TransactionService } from '#core';
import { BRANCH_WRITERS, Role, requireBranch, type Actor } from '#auth';
import { AuditLog } from '#audit';
import { DuesError } from './dues.errors.js';
import { MembershipEvent, MembershipStatus, transition } from './membership-status.js';
import { MembershipRepository } from './membership.repository.js';

/**
 * A membership entered by staff with a future join date and paid in advance stays PENDING
 * until that date (payment never makes it ACTIVE before it starts). This daily step activates
 * those whose date has come: set-based, idempotent (`npm run cli -- dues:start-memberships`;
 * the renewals library's daily run calls the same).
 */
@Injectable()
export class MembershipStarts {
  constructor(
    private readonly tx: TransactionService,
    private readonly memberships: MembershipRepository,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /**
   * The step a person runs (`dues:start-memberships --as`): their branch's treasurer or admin for one branch,
   * a federation admin for all; audited under their name.
   */
  async activateStartedAs(actor: Actor, options: { branchId?: string } = {}): Promise<number> {
    if (options.branchId) requireBranch(actor, options.branchId, BRANCH_WRITERS);
    else if (!actor.has(Role.FEDERATION_ADMIN)) throw DuesError.startsNeedAdmin();
    const started = await this.activateStarted(options);
    const today = this.clock.today();
    await this.audit.record(actor, { action: 'membership.startRun', entityType: 'MembershipStarts', entityId: `${today}:${options.branchId ?? 'ALL'}`, branchId: options.branchId ?? null, after: { started } });
    return started;
  }

  /** How many memberships became ACTIVE today. */
  async activateStarted(options: { branchId?: string } = {}): Promise<number> {
    // The one statement below makes this transition; the table must allow it.
    if (transition(MembershipStatus.PENDING, MembershipEvent.STARTED) !== MembershipStatus.ACTIVE) throw new Error('PENDING → STARTED → ACTIVE is not in MEMBERSHIP_TRANSITIONS');
    const today = this.clock.today();
    return this.tx.run(() => this.memberships.activateStarted(today, MembershipEvent.STARTED, options.branchId));
  }
}
