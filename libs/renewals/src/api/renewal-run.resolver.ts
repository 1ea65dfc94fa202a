import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Actor, Allow, CurrentActor, Role } from '#auth';
import { RenewalRun } from '../renewal-run.service.js';
import { RenewalRunResultObject, RunRenewalsInput } from './renewal-run.object.js';

@Resolver()
export class RenewalRunResolver {
  constructor(private readonly run: RenewalRun) {}

  @Mutation(() => RenewalRunResultObject, {
    description: "Runs today's renewals now (as the daily job does): renewal invoices, grace and lapse, reminders. Idempotent. Federation admins: the whole federation or one branch; branch admins: their branch",
  })
  @Allow(Role.FEDERATION_ADMIN, Role.BRANCH_ADMIN)
  async runRenewals(@CurrentActor() actor: Actor, @Args('input', { nullable: true }) input?: RunRenewalsInput) {
    return Object.assign(new RenewalRunResultObject(), await this.run.runAs(actor, { branchId: input?.branchId ?? null }));
  }
}
