import { Mutation, Query, Resolver } from '@nestjs/graphql';
import { IdArg } from '#core';
import { Actor, Allow, BRANCH_STAFF, BRANCH_WRITERS, CurrentActor, Role } from '#auth';
import { OnlineCheckouts } from '../online-checkouts.service.js';
import { OnlineCheckoutObject } from './online-checkout.object.js';

@Resolver(() => OnlineCheckoutObject)
export class OnlineCheckoutResolver {
  constructor(private readonly checkouts: OnlineCheckouts) {}

  @Mutation(() => OnlineCheckoutObject, {
    description: 'Starts (or returns the still payable) Stripe Checkout for what a dues invoice owes, by card or konbini. The member pays at `url`.',
  })
  @Allow(Role.MEMBER, ...BRANCH_WRITERS)
  async payDuesInvoiceOnline(@CurrentActor() actor: Actor, @IdArg('invoiceId') invoiceId: string): Promise<OnlineCheckoutObject> {
    return OnlineCheckoutObject.from(await this.checkouts.startForInvoice(actor, invoiceId));
  }

  @Query(() => [OnlineCheckoutObject], { description: 'The online checkouts of a dues invoice, oldest first (its member, the branch’s staff)' })
  @Allow(Role.MEMBER, ...BRANCH_STAFF)
  async onlineCheckouts(@CurrentActor() actor: Actor, @IdArg('invoiceId') invoiceId: string): Promise<OnlineCheckoutObject[]> {
    return (await this.checkouts.listForInvoice(actor, invoiceId)).map(OnlineCheckoutObject.from);
  }
}
