import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AmountScalar, IdArg } from '#core';
import { Actor, Allow, CurrentActor, MONTHLY_GIFT_CHANGERS as GIFT_CHANGERS, Role, SignedIn } from '#auth';
import { DonationLoaders } from '../donation.loaders.js';
import { MonthlyGifts } from '../monthly-gifts.service.js';
import { StartMonthlyGiftInput } from './donation.input.js';
import { FundObject, MonthlyGiftChargeObject, MonthlyGiftObject } from './donation.object.js';

@Resolver(() => MonthlyGiftObject)
export class MonthlyGiftResolver {
  constructor(
    private readonly gifts: MonthlyGifts,
    private readonly loaders: DonationLoaders,
  ) {}

  @Mutation(() => MonthlyGiftObject, { description: 'Starts a monthly gift: the first month is paid at `checkoutUrl`, which saves the card for the following months' })
  @Allow(Role.MEMBER)
  async startMonthlyGift(@CurrentActor() actor: Actor, @Args('input') input: StartMonthlyGiftInput): Promise<MonthlyGiftObject> {
    return MonthlyGiftObject.from(await this.gifts.start(actor, { ...input, language: input.language ?? actor.locale }));
  }

  @Query(() => [MonthlyGiftObject], { description: 'The signed-in member’s monthly gifts' })
  @Allow(Role.MEMBER)
  async myMonthlyGifts(@CurrentActor() actor: Actor): Promise<MonthlyGiftObject[]> {
    return (await this.gifts.listMine(actor)).map(MonthlyGiftObject.from);
  }

  @Query(() => MonthlyGiftObject)
  @SignedIn()
  async monthlyGift(@CurrentActor() actor: Actor, @IdArg('id') id: string): Promise<MonthlyGiftObject> {
    return MonthlyGiftObject.from(await this.gifts.get(actor, id));
  }

  @ResolveField(() => FundObject)
  @SignedIn()
  async fund(@Parent() gift: MonthlyGiftObject, @Context() context: object): Promise<FundObject> {
    return FundObject.from((await this.loaders.fund(context).load(gift.fundId))!);
  }

  @ResolveField(() => [MonthlyGiftChargeObject], { description: 'Each month charged or tried, oldest first' })
  @SignedIn()
  async charges(@Parent() gift: MonthlyGiftObject, @Context() context: object): Promise<MonthlyGiftChargeObject[]> {
    return (await this.loaders.chargesOfGift(context).load(gift.id)).map(MonthlyGiftChargeObject.from);
  }

  @Mutation(() => MonthlyGiftObject)
  @Allow(...GIFT_CHANGERS)
  async pauseMonthlyGift(@CurrentActor() actor: Actor, @IdArg('id') id: string): Promise<MonthlyGiftObject> {
    return MonthlyGiftObject.from(await this.gifts.pause(actor, id));
  }

  @Mutation(() => MonthlyGiftObject, { description: 'Resumes from the next charge day (a missed month is not charged late)' })
  @Allow(...GIFT_CHANGERS)
  async resumeMonthlyGift(@CurrentActor() actor: Actor, @IdArg('id') id: string): Promise<MonthlyGiftObject> {
    return MonthlyGiftObject.from(await this.gifts.resume(actor, id));
  }

  @Mutation(() => MonthlyGiftObject, { description: 'Changes the amount from the next charge' })
  @Allow(...GIFT_CHANGERS)
  async changeMonthlyGiftAmount(@CurrentActor() actor: Actor, @IdArg('id') id: string, @Args('amount', { type: () => AmountScalar }) amount: bigint): Promise<MonthlyGiftObject> {
    return MonthlyGiftObject.from(await this.gifts.changeAmount(actor, id, amount));
  }

  @Mutation(() => MonthlyGiftObject)
  @Allow(...GIFT_CHANGERS)
  async cancelMonthlyGift(@CurrentActor() actor: Actor, @IdArg('id') id: string): Promise<MonthlyGiftObject> {
    return MonthlyGiftObject.from(await this.gifts.cancel(actor, id));
  }
}
