import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { mapPage } from '#core';
import type { Actor } from '#access';
import { Allow, CurrentActor, Role, USER_READERS } from '#access';
import { UserAccounts } from '../user-accounts.service.js';
import { UserAdministration } from '../user-administration.service.js';
import { UserDirectory } from '../user-directory.service.js';
import { CreateStaffUserInput } from './create-staff-user.input.js';
import { GrantRoleInput } from './grant-role.input.js';
import { UserConnection, UserObject } from './user.object.js';
import { UserIdArgs } from './user-id.args.js';
import { UsersArgs } from './users.args.js';

@Resolver(() => UserObject)
export class UserAdminResolver {
  constructor(
    private readonly accounts: UserAccounts,
    private readonly administration: UserAdministration,
    private readonly directory: UserDirectory,
  ) {}

  @Query(() => UserConnection, { description: 'Users by e-mail, optionally holding a role (on a branch)' })
  @Allow(...USER_READERS)
  async users(@Args() args: UsersArgs) {
    const page = await this.directory.list({ role: args.role, branchId: args.branchId }, { first: args.first, after: args.after });
    return mapPage(page, UserObject.from);
  }

  @Mutation(() => UserObject, { description: 'A staff user with a password and roles' })
  @Allow(Role.FEDERATION_ADMIN)
  async createStaffUser(@Args('input') input: CreateStaffUserInput, @CurrentActor() actor: Actor): Promise<UserObject> {
    return UserObject.from(await this.accounts.createStaffUser(input, actor));
  }

  @Mutation(() => UserObject)
  @Allow(Role.FEDERATION_ADMIN)
  async grantRole(@Args('input') input: GrantRoleInput, @CurrentActor() actor: Actor): Promise<UserObject> {
    return UserObject.from(await this.administration.grantRole(input.userId, { role: input.role, branchId: input.branchId ?? null }, actor));
  }

  @Mutation(() => UserObject)
  @Allow(Role.FEDERATION_ADMIN)
  async revokeRole(@Args('input') input: GrantRoleInput, @CurrentActor() actor: Actor): Promise<UserObject> {
    return UserObject.from(await this.administration.revokeRole(input.userId, { role: input.role, branchId: input.branchId ?? null }, actor));
  }

  @Mutation(() => UserObject, { description: 'The user can no longer sign in; their sessions end' })
  @Allow(Role.FEDERATION_ADMIN)
  async deactivateUser(@Args() { userId }: UserIdArgs, @CurrentActor() actor: Actor): Promise<UserObject> {
    return UserObject.from(await this.administration.deactivateUser(userId, actor));
  }
}
