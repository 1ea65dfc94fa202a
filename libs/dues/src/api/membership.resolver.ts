import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IdArg, mapPage } from '#core';
import { Actor, Allow, BRANCH_STAFF, BRANCH_WRITERS, CurrentActor, Role, SignedIn } from '#auth';
import { DuesQueries } from '../dues-queries.service.js';
import { MembershipCancellation } from '../membership-cancellation.service.js';
import { MembershipLoaders } from '../membership.loaders.js';
import { MembershipService } from '../membership.service.js';
import { MembershipAutoRenew } from '../membership-auto-renew.service.js';
import { InvoiceObject } from './invoice.object.js';
import { CancelMembershipInput, ChangeMembershipPlanInput, JoinMembershipInput, MembershipsArgs } from './membership.input.js';
import { JoinResultObject, MembershipConnection, MembershipObject, MembershipStatusChangeObject } from './membership.object.js';

@Resolver(() => MembershipObject)
export class MembershipResolver {
  constructor(
    private readonly joining: MembershipService,
    private readonly cancellation: MembershipCancellation,
    private readonly queries: DuesQueries,
    private readonly loaders: MembershipLoaders,
    private readonly autoRenew: MembershipAutoRenew,
  ) {}

  @Query(() => MembershipObject)
  @Allow(...BRANCH_STAFF, Role.MEMBER)
  async membership(@CurrentActor() actor: Actor, @IdArg('id') id: string) {
    return MembershipObject.from(await this.queries.membership(actor, id));
  }

  @Query(() => MembershipConnection, { description: 'Memberships of a branch (or of your branches), by id' })
  @Allow(...BRANCH_STAFF, Role.MEMBER)
  async memberships(@CurrentActor() actor: Actor, @Args() args: MembershipsArgs) {
    return mapPage(await this.queries.membershipPage(actor, { branchId: args.branchId, status: args.status }, args), MembershipObject.from);
  }

  @Mutation(() => JoinResultObject, { description: "A member joins a dues plan: the membership and its first invoice (branch staff of the member's branch, or the member)" })
  @Allow(...BRANCH_WRITERS, Role.MEMBER)
  async joinMembership(@CurrentActor() actor: Actor, @Args('input') input: JoinMembershipInput) {
    const { membership, invoice } = await this.joining.join(actor, input);
    return Object.assign(new JoinResultObject(), { membership: MembershipObject.from(membership), invoice: InvoiceObject.from(invoice) });
  }

  @Mutation(() => MembershipObject, { description: 'Chooses the plan of the next period (applied at renewal; issued invoices never change)' })
  @Allow(...BRANCH_WRITERS, Role.MEMBER)
  async changeMembershipPlan(@CurrentActor() actor: Actor, @Args('input') input: ChangeMembershipPlanInput) {
    return MembershipObject.from(await this.joining.changePlanAtRenewal(actor, input));
  }

  @Mutation(() => MembershipObject, { description: 'Cancels a membership (退会); its unpaid invoices with nothing paid are voided' })
  @Allow(...BRANCH_WRITERS, Role.MEMBER)
  async cancelMembership(@CurrentActor() actor: Actor, @Args('input') input: CancelMembershipInput) {
    return MembershipObject.from(await this.cancellation.cancel(actor, input));
  }

  @Mutation(() => MembershipObject, {
    description: 'Switches auto-renew (自動更新) on or off: renewal invoices are charged to the saved card on their due date (the member, or staff of the member’s branch)',
  })
  @Allow(...BRANCH_WRITERS, Role.MEMBER)
  async setMembershipAutoRenew(@CurrentActor() actor: Actor, @IdArg('membershipId') membershipId: string, @Args('on') on: boolean) {
    return MembershipObject.from(await this.autoRenew.set(actor, membershipId, on));
  }

  @ResolveField(() => [MembershipStatusChangeObject], { description: 'Status history, oldest first' })
  @SignedIn()
  async history(@Parent() membership: MembershipObject, @Context() context: object) {
    return (await this.loaders.history(context).load(membership.id)).map(MembershipStatusChangeObject.from);
  }

  @ResolveField(() => [InvoiceObject], { description: 'Invoices, by period: those the caller may read (as duesInvoice: not another branch’s, after a transfer)' })
  @SignedIn()
  async invoices(@CurrentActor() actor: Actor, @Parent() membership: MembershipObject, @Context() context: object) {
    return this.queries.readableInvoices(actor, await this.loaders.invoicesOf(context).load(membership.id)).map(InvoiceObject.from);
  }
}
