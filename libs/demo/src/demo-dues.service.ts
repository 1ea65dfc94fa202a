import { Injectable } from '@nestjs/common';
import { SYSTEM_ACTOR } from '#auth';
import { DuesPlanService, DuesQueries, DuesRecognition, FiscalYearIssuance, MembershipEnrollment, RecognitionPolicy, type Invoice } from '#dues';
import { BranchDirectory } from '#federation';
import { BookService } from '#ledger';
import type { DemoMemberRef } from '#members';
import type { DemoMoneyPlan } from './demo-money.js';
import { DEMO_PLANS } from './demo-plans.js';
import type { DemoTimeline } from './demo-timeline.js';

/** The demo branch whose book keeps dues on accrual (the others follow the federation: on receipt). */
export const ACCRUAL_BRANCH = 'OSK';

/** Invoices read back per round trip. */
const PAGE = 1000;

export interface DemoDuesResult {
  plans: number;
  memberships: number;
  /** This fiscal year's invoice of each member who has one. */
  invoices: Map<string, Invoice>;
}

/**
 * The dues part of the demo, through the dues library's own services: the plans
 * (DuesPlanService), every member's membership as the old register has it (MembershipEnrollment,
 * set-based), and this fiscal year's invoices, issued on 1 March (FiscalYearIssuance, set-based).
 * The federation keeps its dues on receipt (the default); the Osaka branch's book keeps them on accrual
 * (DuesRecognition's per-book override), so the reports show both bases side by side.
 */
@Injectable()
export class DemoDues {
  constructor(
    private readonly plans: DuesPlanService,
    private readonly enrollment: MembershipEnrollment,
    private readonly issuance: FiscalYearIssuance,
    private readonly queries: DuesQueries,
    private readonly recognition: DuesRecognition,
    private readonly branches: BranchDirectory,
    private readonly books: BookService,
  ) {}

  async seed(members: readonly DemoMemberRef[], plan: DemoMoneyPlan, timeline: DemoTimeline): Promise<DemoDuesResult> {
    const planIds = new Map<string, string>();
    for (const input of DEMO_PLANS) planIds.set(input.code, (await this.plans.create(SYSTEM_ACTOR, input)).id);
    const ids = await this.enrollment.enrollMany(
      SYSTEM_ACTOR,
      plan.enrolments.map(({ planCode, ...row }) => ({ ...row, planId: planIds.get(planCode)! })),
    );
    const accrual = (await this.branches.byCodes([ACCRUAL_BRANCH])).get(ACCRUAL_BRANCH);
    if (accrual) await this.recognition.setBookPolicy(SYSTEM_ACTOR, (await this.books.bookForBranch(accrual.id)).id, RecognitionPolicy.ACCRUAL);
    await this.issuance.issue(SYSTEM_ACTOR, timeline.fiscalYear, { issuedOn: timeline.issuedOn });
    const invoices = new Map<string, Invoice>();
    for (const branchId of new Set(members.map((m) => m.branchId))) {
      let after: string | undefined;
      do {
        const page = await this.queries.invoicePage(SYSTEM_ACTOR, { branchId, fiscalYear: timeline.fiscalYear }, { first: PAGE, after });
        for (const { node } of page.edges) invoices.set(node.memberId, node);
        after = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? undefined) : undefined;
      } while (after);
    }
    return { plans: planIds.size, memberships: ids.length, invoices };
  }
}
