import { Injectable } from '@nestjs/common';
import { Clock, TransactionService } from '#core';
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
  ) {}

  /** How many memberships became ACTIVE today. */
  async activateStarted(options: { branchId?: string } = {}): Promise<number> {
    // The one statement below makes this transition; the table must allow it.
    if (transition(MembershipStatus.PENDING, MembershipEvent.STARTED) !== MembershipStatus.ACTIVE) throw new Error('PENDING → STARTED → ACTIVE is not in MEMBERSHIP_TRANSITIONS');
    const today = this.clock.today();
    return this.tx.run(() => this.memberships.activateStarted(today, MembershipEvent.STARTED, options.branchId));
  }
}
