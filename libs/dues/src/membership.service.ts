import { Injectable } from '@nestjs/common';
import { Clock, TransactionService, isUniqueViolation } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { DuesError } from './dues.errors.js';
import { JoinerCharge } from './dues-enums.js';
import type { DuesPlan } from './dues-plan.entity.js';
import { DuesPlanRepository } from './dues-plan.repository.js';
import { DuesMembers, type DuesMember } from './dues-members.js';
import type { Invoice } from './invoice.entity.js';
import { InvoiceIssuer } from './invoice-issuer.service.js';
import { actsAsStaff, requireMembershipWriter } from './membership-access.js';
import { MembershipLifecycle } from './membership-lifecycle.service.js';
import { MembershipEvent, MembershipStatus } from './membership-status.js';
import { Membership } from './membership.entity.js';
import { MembershipRepository } from './membership.repository.js';
import { PeriodMode, daysBetween, joiningPeriod, remainingMonths } from './periods.js';

/** How far from today a join date may be (back-dated paper forms, joins from next month). */
const JOIN_DATE_WINDOW_DAYS = 366;

/** Joining and changing plan at renewal: a membership's use cases started by people. */
@Injectable()
export class MembershipService {
  constructor(
    private readonly tx: TransactionService,
    private readonly memberships: MembershipRepository,
    private readonly plans: DuesPlanRepository,
    private readonly members: DuesMembers,
    private readonly issuer: InvoiceIssuer,
    private readonly lifecycle: MembershipLifecycle,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /**
   * A member joins a plan: the membership (PENDING) and its first invoice, for
   * the period containing the join date (prorated when the plan says so). A
   * lapsed member joins again on the same membership. CONFLICT when the member
   * already holds a membership, or already has an invoice for that period.
   */
  async join(actor: Actor, input: { memberId: string; planId: string; joinedOn?: string | null }): Promise<{ membership: Membership; invoice: Invoice }> {
    const today = this.clock.today();
    const joinedOn = input.joinedOn ?? today;
    if (Math.abs(daysBetween(today, joinedOn)) > JOIN_DATE_WINDOW_DAYS) {
      throw DuesError.joinDateOutOfRange();
    }
    return this.tx.run(async () => {
      const member = await this.memberOrBadInput(input.memberId);
      requireMembershipWriter(actor, member);
      // A member joins from today or an earlier date; only staff enter a join that starts later
      // (it stays PENDING until then, paid or not: see MembershipLifecycle.invoicePaid).
      if (joinedOn > today && !actsAsStaff(actor, member)) {
        throw DuesError.joinDateInFuture();
      }
      const plan = await this.joinablePlan(input.planId, member);
      const period = joiningPeriod(joinedOn, plan.periodMode, plan.fiscalYearStartMonth);
      const months = plan.joinerCharge === JoinerCharge.REMAINING_MONTHS && plan.periodMode === PeriodMode.FISCAL_YEAR ? remainingMonths(period, joinedOn) : 12;

      const existing = await this.memberships.lockCurrentForMember(member.id);
      if (existing && existing.status !== MembershipStatus.LAPSED) throw DuesError.alreadyMember();
      if (existing) await this.issuer.assertNotInvoiced(existing.id, period.start);
      const membership = existing
        ? await this.rejoin(existing, plan, joinedOn, period, actor)
        : await this.create(member, plan, joinedOn, period, actor);
      const invoice = await this.issuer.issue(membership, plan, period, { proratedMonths: months });
      await this.audit.record(actor, {
        action: existing ? 'membership.rejoin' : 'membership.join',
        entityType: 'Membership',
        entityId: membership.id,
        branchId: membership.branchId,
        after: { ...membership, invoiceId: invoice.id, invoiceNumber: invoice.number, amount: invoice.amount },
      });
      return { membership, invoice };
    });
  }

  /** The plan the next period's invoice will use. Choosing the current plan again clears a pending change. */
  async changePlanAtRenewal(actor: Actor, input: { membershipId: string; planId: string }): Promise<Membership> {
    return this.tx.run(async () => {
      const membership = await this.lockOrNotFound(input.membershipId);
      requireMembershipWriter(actor, { id: membership.memberId, branchId: membership.branchId });
      if (membership.status === MembershipStatus.CANCELLED) throw DuesError.membershipEnded(membership.status);
      const member = await this.memberOrBadInput(membership.memberId);
      await this.joinablePlan(input.planId, member);
      const before = { nextPlanId: membership.nextPlanId };
      membership.nextPlanId = input.planId === membership.planId ? null : input.planId;
      const saved = await this.memberships.save(membership);
      await this.audit.record(actor, {
        action: 'membership.changePlan',
        entityType: 'Membership',
        entityId: membership.id,
        branchId: membership.branchId,
        before,
        after: { nextPlanId: saved.nextPlanId },
      });
      return saved;
    });
  }

  private async create(member: DuesMember, plan: DuesPlan, joinedOn: string, period: { start: string; end: string }, actor: Actor): Promise<Membership> {
    const membership = Object.assign(new Membership(), {
      memberId: member.id,
      branchId: member.branchId,
      planId: plan.id,
      nextPlanId: null,
      status: MembershipStatus.PENDING,
      joinedOn,
      periodStart: period.start,
      periodEnd: period.end,
      paidThrough: null,
      cancelledOn: null,
    });
    try {
      await this.memberships.insert(membership);
    } catch (error) {
      // Two joins of the same member at once: the unique key lets one through.
      if (isUniqueViolation(error, 'memberships_member_current_key')) throw DuesError.alreadyMember();
      throw error;
    }
    await this.lifecycle.recordJoin(membership, { effectiveOn: joinedOn, actorUserId: actor.userId });
    return membership;
  }

  private async rejoin(membership: Membership, plan: DuesPlan, joinedOn: string, period: { start: string; end: string }, actor: Actor): Promise<Membership> {
    Object.assign(membership, { planId: plan.id, nextPlanId: null, joinedOn, periodStart: period.start, periodEnd: period.end });
    return this.lifecycle.apply(membership, MembershipEvent.REJOIN, { effectiveOn: joinedOn, actorUserId: actor.userId });
  }

  private async memberOrBadInput(memberId: string): Promise<DuesMember> {
    const member = await this.members.find(memberId);
    if (!member) throw DuesError.memberNotFoundAt('input.memberId', memberId);
    return member;
  }

  /** An active plan for the member's type (and size tier, for tiered organization plans). */
  private async joinablePlan(planId: string, member: DuesMember): Promise<DuesPlan> {
    const plan = await this.plans.findById(planId);
    if (!plan) throw DuesError.planNotFoundAt('input.planId', planId);
    if (!plan.active) throw DuesError.planInactive(plan.code);
    if (plan.memberKind !== member.kind) throw DuesError.planMemberKindMismatch('input.planId');
    // A tiered plan is for organizations of that tier only (an untiered plan is for any).
    if (plan.sizeTier !== null && plan.sizeTier !== member.sizeTier) throw DuesError.planSizeTierMismatch('input.planId', plan.sizeTier, member.sizeTier);
    return plan;
  }

  private async lockOrNotFound(id: string): Promise<Membership> {
    const membership = await this.memberships.lockById(id);
    if (!membership) throw DuesError.membershipNotFound(id);
    return membership;
  }
}
