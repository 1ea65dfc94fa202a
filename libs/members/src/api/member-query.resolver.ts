import { Args, Info, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { IdArg, mapPage, preload, selectedFields } from '#core';
import { Actor, Allow, BRANCH_STAFF, CurrentActor, Role } from '#auth';
import { BranchDirectory, BranchObject } from '#federation';
import { MemberSearch } from '../member-search.service.js';
import { MemberConnection, MemberObject } from './member.object.js';
import { MembersArgs } from './members.args.js';

@Resolver(() => MemberObject)
export class MemberQueryResolver {
  constructor(
    private readonly search: MemberSearch,
    private readonly branches: BranchDirectory,
  ) {}

  @Query(() => MemberConnection, {
    description: 'Members in the caller’s branches (admins and auditors: all), filtered and sorted, keyset-paginated. 会員検索',
  })
  @Allow(...BRANCH_STAFF)
  async members(@CurrentActor() actor: Actor, @Args() args: MembersArgs, @Info() info: GraphQLResolveInfo) {
    // Only the columns the query shows (a page of numbers and names reads no addresses or timestamps).
    const fields = selectedFields(info, ['edges', 'node']);
    const page = await this.search.search(actor, args.filter ?? {}, { sort: args.sort, direction: args.direction, first: args.first, after: args.after, fields });
    // Each member's branch from the branch cache, given up front: no per-row `branch` resolver.
    const branches = await this.branches.getMany(page.edges.map((e) => e.node.branchId));
    const objects = new Map([...branches].map(([id, b]) => [id, BranchObject.from(b)]));
    return mapPage(page, (m) => preload(MemberObject.from(m), 'branch', objects.get(m.branchId) ?? null));
  }

  @Query(() => MemberObject, { description: 'One member: staff of its branch, or the member themselves. 会員' })
  @Allow(...BRANCH_STAFF, Role.MEMBER)
  async member(@CurrentActor() actor: Actor, @IdArg('id') id: string) {
    return MemberObject.from(await this.search.get(actor, id));
  }

  @Query(() => MemberObject, { description: 'The signed-in member’s own record. 自分の会員情報' })
  @Allow(Role.MEMBER)
  async myMember(@CurrentActor() actor: Actor) {
    return MemberObject.from(await this.search.own(actor));
  }
}
