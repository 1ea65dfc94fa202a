import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { mapPage, uuidArg } from '#core';
import { Actor, Allow, CurrentActor, SignedIn } from '#auth';
import { GRANT_READERS, PROGRAM_MANAGERS } from '../grant-access.js';
import { GrantProgramService } from '../grant-program.service.js';
import { CreateGrantProgramInput, GrantProgramsArgs, UpdateGrantProgramInput } from './grant-program.input.js';
import { GrantBudgetObject, GrantProgramConnection, GrantProgramObject } from './grant-program.object.js';

@Resolver(() => GrantProgramObject)
export class GrantProgramResolver {
  constructor(private readonly programs: GrantProgramService) {}

  @Query(() => GrantProgramConnection, { description: 'Grant programs by code (applicants see them to apply)' })
  @SignedIn()
  async grantPrograms(@Args() args: GrantProgramsArgs) {
    return mapPage(await this.programs.list({ fiscalYear: args.fiscalYear }, args), GrantProgramObject.from);
  }

  @Query(() => GrantProgramObject)
  @SignedIn()
  async grantProgram(@Args('id', { type: () => ID }, uuidArg('id')) id: string) {
    return GrantProgramObject.from(await this.programs.get(id));
  }

  @ResolveField(() => GrantBudgetObject, { description: 'Committed, disbursed and remaining, derived now' })
  @Allow(...GRANT_READERS)
  async budget(@Parent() program: GrantProgramObject) {
    const p = await this.programs.get(program.id);
    return GrantBudgetObject.from(await this.programs.budget(p), p.currency.trim());
  }

  @Mutation(() => GrantProgramObject, { description: 'Creates a grant program (approvers, federation admins)' })
  @Allow(...PROGRAM_MANAGERS)
  async createGrantProgram(@CurrentActor() actor: Actor, @Args('input') input: CreateGrantProgramInput) {
    return GrantProgramObject.from(await this.programs.create(actor, input));
  }

  @Mutation(() => GrantProgramObject, { description: 'Changes a program; the budget never drops below what is awarded' })
  @Allow(...PROGRAM_MANAGERS)
  async updateGrantProgram(@CurrentActor() actor: Actor, @Args('input') input: UpdateGrantProgramInput) {
    return GrantProgramObject.from(await this.programs.update(actor, input));
  }
}
