import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { SignedIn } from '#auth';
import { BranchLoader, BranchObject } from '#federation';
import { OrganizationContactLoader } from '../organization-contact.loader.js';
import { MemberObject, OrganizationContactObject, OrganizationObject } from './member.object.js';

/** Nested fields, batched per request (no N+1). The parent member was already authorized. */
@Resolver(() => MemberObject)
export class MemberFieldsResolver {
  constructor(private readonly branches: BranchLoader) {}

  @ResolveField(() => BranchObject, { description: 'The home branch' })
  @SignedIn()
  async branch(@Parent() member: MemberObject, @Context() context: object) {
    const branch = await this.branches.for(context).load(member.branchId);
    return branch ? BranchObject.from(branch) : null;
  }
}

@Resolver(() => OrganizationObject)
export class OrganizationFieldsResolver {
  constructor(private readonly contactLoader: OrganizationContactLoader) {}

  @ResolveField(() => [OrganizationContactObject], { description: 'Contacts, oldest first' })
  @SignedIn()
  async contacts(@Parent() organization: OrganizationObject, @Context() context: object) {
    return (await this.contactLoader.for(context).load(organization.memberId)).map(OrganizationContactObject.from);
  }
}
