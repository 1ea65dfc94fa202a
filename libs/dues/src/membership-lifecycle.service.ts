import { Injectable } from '@nestjs/common';
import { Clock } from '#core';
import { DuesError } from './dues.errors.js';
import { DuesPlanRepository } from './dues-plan.repository.js';
import type { Invoice } from './invoice.entity.js';
import { InvoiceRepository } from './invoice.repository.js';
import { MembershipEvent, MembershipStatus, standing, transition } from './membership-status.js';
import type { Membership } from './membership.entity.js';
import { MembershipRepository } from './membership.repository.js';
import { addDays } from './periods.js';

export interface TransitionContext {
  effectiveOn: string;
  invoiceId?: string | null;
  actorUserId?: string | null;
  /** For events that may lead to several statuses (PAYMENT_REVERSED). */
  target?: MembershipStatus;
}

/**
 * Every change of a membership's status goes through here: checked against the
 * transition table (membership-status.ts), written to membership_status_changes.
 * Runs in the caller's transaction.
 */
@Injectable()
export class MembershipLifecycle {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly invoices: InvoiceRepository,
    private readonly plans: DuesPlanRepository,
    private readonly clock: Clock,
  ) {}

  /** Moves `membership` by `event` (CONFLICT when the table does not allow it) and records the change. */
  async apply(membership: Membership, event: MembershipEvent, context: TransitionContext): Promise<Membership> {
    const to = transition(membership.status, event, context.target);
    if (!to) throw DuesError.transitionNotAllowed(membership.status, event);
    const from = membership.status;
    membership.status = to;
    if (to === MembershipStatus.CANCELLED) membership.cancelledOn = context.effectiveOn;
    const saved = await this.memberships.save(membership);
    if (from !== to) await this.record(saved, from, event, context);
    return saved;
  }

  /** The first history row of a new membership. */
  async recordJoin(membership: Membership, context: TransitionContext): Promise<void> {
    await this.record(membership, null, 'JOIN', context);
  }

  /**
   * An invoice of the membership was paid in full: extend what is paid and activate it when that
   * reaches today — never before the join date (paid in advance, it stays PENDING until
   * MembershipStarts activates it on that day).
   */
  async invoicePaid(invoice: Invoice, paymentDate: string): Promise<Membership> {
    const membership = await this.lockMembership(invoice.membershipId);
    if (membership.paidThrough === null || membership.paidThrough < invoice.periodEnd) membership.paidThrough = invoice.periodEnd;
    const today = this.clock.today();
    const active = standing({ paidThrough: membership.paidThrough, graceEnd: membership.paidThrough, today, startsOn: membership.joinedOn }) === MembershipStatus.ACTIVE;
    const to = active ? transition(membership.status, MembershipEvent.PAID_IN_FULL) : null;
    const from = membership.status;
    if (to) membership.status = to;
    await this.memberships.updateStanding(membership);
    if (to && from !== to) await this.record(membership, from, MembershipEvent.PAID_IN_FULL, { effectiveOn: paymentDate, invoiceId: invoice.id });
    return membership;
  }

  /** A payment on a paid invoice was voided: recompute what is paid and step back from ACTIVE if it no longer holds. */
  async invoiceUnpaid(invoice: Invoice): Promise<Membership> {
    const membership = await this.lockMembership(invoice.membershipId);
    membership.paidThrough = await this.invoices.paidThrough(membership.id);
    if (membership.status !== MembershipStatus.ACTIVE) return this.memberships.save(membership);
    const plan = await this.plans.findById(membership.planId);
    const today = this.clock.today();
    const target = standing({
      paidThrough: membership.paidThrough,
      graceEnd: addDays(membership.paidThrough ?? membership.periodEnd, plan?.graceDays ?? 0),
      today,
      startsOn: membership.joinedOn,
    });
    if (target === MembershipStatus.ACTIVE) return this.memberships.save(membership);
    return this.apply(membership, MembershipEvent.PAYMENT_REVERSED, { effectiveOn: today, invoiceId: invoice.id, target });
  }

  private async lockMembership(id: string): Promise<Membership> {
    const membership = await this.memberships.lockById(id);
    if (!membership) throw DuesError.membershipNotFound(id);
    return membership;
  }

  private async record(membership: Membership, from: MembershipStatus | null, event: string, context: TransitionContext): Promise<void> {
    await this.memberships.recordStatusChange({
      membershipId: membership.id,
      fromStatus: from,
      toStatus: membership.status,
      event,
      effectiveOn: context.effectiveOn,
      invoiceId: context.invoiceId ?? null,
      actorUserId: context.actorUserId ?? null,
    });
  }
}
