import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { uuidArg } from '#core';
import { Actor, Allow, CurrentActor } from '#auth';
import { GRANT_READERS } from '../grant-access.js';
import { GrantReports } from '../grant-reports.service.js';
import { GranteeObject, GrantProgramReportObject } from './grant-report.object.js';

@Resolver()
export class GrantReportResolver {
  constructor(private readonly reports: GrantReports) {}

  @Query(() => GrantProgramReportObject, { description: 'A program and fiscal year: applications by status, amounts, budget, days to decision and to payment' })
  @Allow(...GRANT_READERS)
  async grantProgramReport(@Args('programId', { type: () => ID }, uuidArg('programId')) programId: string) {
    return GrantProgramReportObject.from(await this.reports.program(programId));
  }

  @Query(() => [GranteeObject], { description: 'Grantees for the annual report; names only for grant staff and the auditor' })
  @Allow(...GRANT_READERS)
  async grantees(@CurrentActor() actor: Actor, @Args('programId', { type: () => ID }, uuidArg('programId')) programId: string) {
    return (await this.reports.grantees(actor, programId)).map(GranteeObject.from);
  }

  @Query(() => String, { description: 'Grantees as CSV (UTF-8 with BOM, bilingual headers)' })
  @Allow(...GRANT_READERS)
  async granteesCsv(@CurrentActor() actor: Actor, @Args('programId', { type: () => ID }, uuidArg('programId')) programId: string) {
    return this.reports.granteesCsv(actor, programId);
  }
}
