import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IdArg } from '#core';
import { Actor, Allow, BRANCH_STAFF, CurrentActor, Role } from '#auth';
import { AutoRenewCharges } from '../auto-renew-charges.service.js';
import { AutoRenewRun } from '../auto-renew-run.service.js';
import { SavedCards } from '../saved-cards.service.js';
import { AutoRenewChargeObject, RunAutoRenewArgs, SavedCardObject } from './auto-renew.object.js';

@Resolver(() => SavedCardObject)
export class AutoRenewResolver {
  constructor(
    private readonly cards: SavedCards,
    private readonly run: AutoRenewRun,
    private readonly charges: AutoRenewCharges,
  ) {}

  @Query(() => SavedCardObject, { nullable: true, description: 'Your card saved for auto-renew (brand, last 4 digits, expiry), if any' })
  @Allow(Role.MEMBER)
  async mySavedCard(@CurrentActor() actor: Actor): Promise<SavedCardObject | null> {
    const card = await this.cards.mine(actor);
    return card && SavedCardObject.from(card);
  }

  @Mutation(() => Boolean, { description: 'Removes your saved card (detached at Stripe): auto-renew has no card to charge until you pay by card again. False when there was none.' })
  @Allow(Role.MEMBER)
  async removeMySavedCard(@CurrentActor() actor: Actor): Promise<boolean> {
    return this.cards.remove(actor);
  }

  @Query(() => [AutoRenewChargeObject], { description: 'The auto-renew attempts on a dues invoice, in order (its member, the branch’s staff)' })
  @Allow(Role.MEMBER, ...BRANCH_STAFF)
  async autoRenewCharges(@CurrentActor() actor: Actor, @IdArg('invoiceId') invoiceId: string): Promise<AutoRenewChargeObject[]> {
    return (await this.charges.forInvoice(actor, invoiceId)).map(AutoRenewChargeObject.from);
  }

  @Mutation(() => String, { description: 'Queues the auto-renew run now (the worker charges what is due on `on`, today by default); the job id' })
  @Allow(Role.FEDERATION_ADMIN)
  async runAutoRenewCharges(@Args() args: RunAutoRenewArgs): Promise<string> {
    return this.run.queue(args.on ?? undefined);
  }
}
