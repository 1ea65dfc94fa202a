import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { DuesError } from './dues.errors.js';
import { DuesPlanRepository } from './dues-plan.repository.js';
import type { Invoice } from './invoice.entity.js';
import { InvoiceRepository } from './invoice.repository.js';
import { InvoiceIssuer } from './invoice-issuer.service.js';
import { CURRENT_STATUSES } from './membership-status.js';
import { MembershipRepository } from './membership.repository.js';
import { nextPeriod } from './periods.js';

/**
 * The invoice of one membership's next period (anniversary plans, or one
 * fiscal-year membership outside the yearly run), with the plan chosen for
 * renewal. For the renewals library's scheduled job: the period is named by its
 * first day, so a job run twice returns the invoice it issued the first time.
 */
@Injectable()
export class MembershipRenewal {
  constructor(
    private readonly tx: TransactionService,
    private readonly memberships: MembershipRepository,
    private readonly plans: DuesPlanRepository,
    private readonly invoices: InvoiceRepository,
    private readonly issuer: InvoiceIssuer,
    private readonly audit: AuditLog,
  ) {}

  async issueRenewalInvoice(actor: Actor, membershipId: string, periodStart: string): Promise<Invoice> {
    return this.tx.run(async () => {
      const membership = await this.memberships.lockById(membershipId);
      if (!membership) throw DuesError.membershipNotFound(membershipId);
      if (membership.periodStart === periodStart) {
        const issued = (await this.invoices.forMembership(membership.id)).find((i) => i.periodStart === periodStart);
        if (issued) return issued;
      }
      if (!CURRENT_STATUSES.includes(membership.status)) throw DuesError.membershipEnded(membership.status);
      const planId = membership.nextPlanId ?? membership.planId;
      const plan = await this.plans.findById(planId);
      if (!plan) throw DuesError.planNotFound(planId);
      const period = nextPeriod({ start: membership.periodStart, end: membership.periodEnd }, plan.periodMode, membership.joinedOn);
      if (period.start !== periodStart) {
        throw DuesError.notTheNextPeriod(period.start, periodStart);
      }
      const invoice = await this.issuer.issue(membership, plan, period);
      Object.assign(membership, { planId: plan.id, nextPlanId: null, periodStart: period.start, periodEnd: period.end });
      await this.memberships.save(membership);
      await this.audit.record(actor, {
        action: 'membership.renewalInvoice',
        entityType: 'Membership',
        entityId: membership.id,
        branchId: membership.branchId,
        after: { invoiceId: invoice.id, invoiceNumber: invoice.number, periodStart: period.start, periodEnd: period.end, amount: invoice.amount },
      });
      return invoice;
    });
  }
}
