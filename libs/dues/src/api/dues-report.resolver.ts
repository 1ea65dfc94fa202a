import { Args, Query, Resolver } from '@nestjs/graphql';
import { mapPage } from '#core';
import { Actor, Allow, BRANCH_STAFF, CurrentActor } from '#auth';
import { DuesReports } from '../dues-reports.service.js';
import { DuesArrearsArgs, DuesArrearsCsvArgs, DuesStatusArgs } from './dues-report.args.js';
import { DuesArrearConnection, DuesArrearObject, DuesBranchTotalObject, DuesStatusRowObject } from './dues-report.object.js';
import { FiscalYearArgs } from './invoice.input.js';

const CSV = 'UTF-8 with a byte-order mark (opens in Excel), CRLF, headers in Japanese and English';

@Resolver()
export class DuesReportResolver {
  constructor(private readonly reports: DuesReports) {}

  @Query(() => [DuesStatusRowObject], { description: 'Dues of a fiscal year per branch and plan: members, invoiced, paid, outstanding' })
  @Allow(...BRANCH_STAFF)
  async duesStatus(@CurrentActor() actor: Actor, @Args() args: DuesStatusArgs) {
    return (await this.reports.status(actor, args.fiscalYear, args.branchId)).map(DuesStatusRowObject.from); // each row says its branch book's basis
  }

  @Query(() => String, { description: `duesStatus as CSV: ${CSV}` })
  @Allow(...BRANCH_STAFF)
  async duesStatusCsv(@CurrentActor() actor: Actor, @Args() args: DuesStatusArgs) {
    return this.reports.statusCsv(actor, args.fiscalYear, args.branchId);
  }

  @Query(() => [DuesBranchTotalObject], { description: 'Federation-wide dues of a fiscal year per branch (branch staff: their branches)' })
  @Allow(...BRANCH_STAFF)
  async duesBranchTotals(@CurrentActor() actor: Actor, @Args() args: FiscalYearArgs) {
    return (await this.reports.branchTotals(actor, args.fiscalYear)).map(DuesBranchTotalObject.from);
  }

  @Query(() => String, { description: `duesBranchTotals as CSV: ${CSV}` })
  @Allow(...BRANCH_STAFF)
  async duesBranchTotalsCsv(@CurrentActor() actor: Actor, @Args() args: FiscalYearArgs) {
    return this.reports.branchTotalsCsv(actor, args.fiscalYear);
  }

  @Query(() => DuesArrearConnection, { description: 'Unpaid invoices past due, oldest first, with days overdue' })
  @Allow(...BRANCH_STAFF)
  async duesArrears(@CurrentActor() actor: Actor, @Args() args: DuesArrearsArgs) {
    return mapPage(await this.reports.arrears(actor, args.branchId, args), DuesArrearObject.from);
  }

  @Query(() => String, { description: `The whole arrears list as CSV: ${CSV} (the CLI's dues:export-arrears streams it to a file)` })
  @Allow(...BRANCH_STAFF)
  async duesArrearsCsv(@CurrentActor() actor: Actor, @Args() args: DuesArrearsCsvArgs) {
    return this.reports.arrearsCsv(actor, args.branchId);
  }
}
