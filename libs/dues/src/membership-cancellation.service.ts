import { Injectable } from '@nestjs/common';
import { Clock, TransactionService } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { DuesError } from './dues.errors.js';
import { InvoiceVoiding } from './invoice-voiding.service.js';
import { requireMembershipWriter } from './membership-access.js';
import { MembershipLifecycle } from './membership-lifecycle.service.js';
import { MembershipEvent } from './membership-status.js';
import type { Membership } from './membership.entity.js';
import { MembershipRepository } from './membership.repository.js';

/** Cancelling a membership (退会). */
@Injectable()
export class MembershipCancellation {
  constructor(
    private readonly tx: TransactionService,
    private readonly memberships: MembershipRepository,
    private readonly lifecycle: MembershipLifecycle,
    private readonly voiding: InvoiceVoiding,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** Ends a membership. Its invoices with nothing paid are voided (their entries reversed); part-paid ones stay for the treasurer. */
  async cancel(actor: Actor, input: { membershipId: string; reason: string }): Promise<Membership> {
    return this.tx.run(async () => {
      const membership = await this.lockOrNotFound(input.membershipId);
      requireMembershipWriter(actor, { id: membership.memberId, branchId: membership.branchId });
      const before = { status: membership.status, cancelledOn: membership.cancelledOn };
      const today = this.clock.today();
      const saved = await this.lifecycle.apply(membership, MembershipEvent.CANCEL, { effectiveOn: today, actorUserId: actor.userId });
      const voided = await this.voiding.voidUnpaidOfMembership(actor, membership.id, input.reason);
      await this.audit.record(actor, {
        action: 'membership.cancel',
        entityType: 'Membership',
        entityId: membership.id,
        branchId: membership.branchId,
        before,
        after: { status: saved.status, cancelledOn: saved.cancelledOn, reason: input.reason, voidedInvoices: voided.map((i) => i.number) },
      });
      return saved;
    });
  }


  private async lockOrNotFound(id: string): Promise<Membership> {
    const membership = await this.memberships.lockById(id);
    if (!membership) throw DuesError.membershipNotFound(id);
    return membership;
  }
}
