import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IdArg, mapPage } from '#core';
import { Actor, Allow, CurrentActor, Role, SignedIn } from '#auth';
import { DuesPlanService } from '../dues-plan.service.js';
import { CreateDuesPlanInput, DuesPlansArgs, UpdateDuesPlanInput } from './dues-plan.input.js';
import { DuesPlanConnection, DuesPlanObject } from './dues-plan.object.js';

@Resolver(() => DuesPlanObject)
export class DuesPlanResolver {
  constructor(private readonly plans: DuesPlanService) {}

  @Query(() => DuesPlanConnection, { description: 'Dues plans by code' })
  @SignedIn()
  async duesPlans(@Args() args: DuesPlansArgs) {
    return mapPage(await this.plans.list({ activeOnly: args.activeOnly }, args), DuesPlanObject.from);
  }

  @Query(() => DuesPlanObject)
  @SignedIn()
  async duesPlan(@IdArg('id') id: string) {
    return DuesPlanObject.from(await this.plans.get(id));
  }

  @Mutation(() => DuesPlanObject, { description: 'Creates a dues plan (federation admins)' })
  @Allow(Role.FEDERATION_ADMIN)
  async createDuesPlan(@CurrentActor() actor: Actor, @Args('input') input: CreateDuesPlanInput) {
    return DuesPlanObject.from(await this.plans.create(actor, input));
  }

  @Mutation(() => DuesPlanObject, { description: 'Changes a dues plan; invoices already issued keep their amounts and shares' })
  @Allow(Role.FEDERATION_ADMIN)
  async updateDuesPlan(@CurrentActor() actor: Actor, @Args('input') input: UpdateDuesPlanInput) {
    return DuesPlanObject.from(await this.plans.update(actor, input));
  }
}
