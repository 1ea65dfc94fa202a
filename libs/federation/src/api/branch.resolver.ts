import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IdArg, mapPage } from '#core';
import { Actor, Allow, CurrentActor, Role, SignedIn } from '#auth';
import { BranchService } from '../branch.service.js';
import { FederationError } from '../federation.errors.js';
import { BranchConnection, BranchObject } from './branch.object.js';
import { BranchesArgs, CreateBranchInput, UpdateBranchInput } from './branch.input.js';

@Resolver(() => BranchObject)
export class BranchResolver {
  constructor(private readonly service: BranchService) {}

  @Query(() => BranchConnection, { description: 'Branches by code. 支部一覧 (コード順)' })
  @SignedIn()
  async branches(@Args() args: BranchesArgs) {
    return mapPage(await this.service.list({ prefecture: args.prefecture }, args), BranchObject.from);
  }

  @Query(() => BranchObject, { description: 'One branch. 支部' })
  @SignedIn()
  async branch(@IdArg('id') id: string) {
    const branch = await this.service.get(id);
    if (!branch) throw FederationError.branchNotFound(id);
    return BranchObject.from(branch);
  }

  @Mutation(() => BranchObject, { description: 'Creates a branch and opens its book. 支部を作成し、会計帳簿を開設します' })
  @Allow(Role.FEDERATION_ADMIN)
  async createBranch(@CurrentActor() actor: Actor, @Args('input') input: CreateBranchInput) {
    return BranchObject.from(await this.service.create(actor, input));
  }

  @Mutation(() => BranchObject, { description: 'Edits a branch (its code stays). 支部を編集します' })
  @Allow(Role.FEDERATION_ADMIN)
  async updateBranch(@CurrentActor() actor: Actor, @IdArg('id') id: string, @Args('input') input: UpdateBranchInput) {
    return BranchObject.from(await this.service.update(actor, id, input));
  }
}
