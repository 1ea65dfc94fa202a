import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AppError, IdArg, Money, MoneyObject } from '#core';
import { Actor, Allow, BRANCH_STAFF, CurrentActor, Public, Role } from '#auth';
import { DonationRepository } from '../donation.repository.js';
import { FundService } from '../funds.service.js';
import { CreateFundInput, FundsArgs, UpdateFundInput } from './donation.input.js';
import { FundObject, PublicDonationObject } from './donation.object.js';

@Resolver(() => FundObject)
export class FundResolver {
  constructor(
    private readonly service: FundService,
    private readonly donations: DonationRepository,
  ) {}

  @Query(() => [FundObject], { description: 'Funds to give to, by code (anyone); closed ones too for staff' })
  @Public()
  async funds(@CurrentActor() actor: Actor | undefined, @Args() args: FundsArgs): Promise<FundObject[]> {
    if (args.includeClosed && !actor?.has(...BRANCH_STAFF)) throw AppError.forbidden();
    return (await this.service.list({ openOnly: !args.includeClosed, first: 500 })).map(FundObject.from);
  }

  @Query(() => FundObject)
  @Public()
  async fund(@IdArg('id') id: string): Promise<FundObject> {
    return FundObject.from(await this.service.get(id));
  }

  @Query(() => [PublicDonationObject], { description: 'Recent gifts to a fund as the public sees them: anonymous donors are not named' })
  @Public()
  async publicDonations(
    @CurrentActor() actor: Actor | undefined,
    @IdArg('fundId') fundId: string,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
  ): Promise<PublicDonationObject[]> {
    await this.service.get(fundId);
    const anonymous = actor?.locale === 'en' ? 'Anonymous' : '匿名';
    return (await this.donations.publicList(fundId, Math.min(Math.max(first, 1), 100))).map((r) =>
      Object.assign(new PublicDonationObject(), { donorName: r.donorName ?? anonymous, amount: MoneyObject.from(Money.of(r.amount, r.currency)), receivedOn: r.receivedOn }),
    );
  }

  @Mutation(() => FundObject, { description: 'Creates a fund: federation admins (federation, foundation or any branch), branch admins (their branch)' })
  @Allow(Role.FEDERATION_ADMIN, Role.BRANCH_ADMIN)
  async createFund(@CurrentActor() actor: Actor, @Args('input') input: CreateFundInput): Promise<FundObject> {
    return FundObject.from(await this.service.create(actor, input));
  }

  @Mutation(() => FundObject, { description: 'Renames, closes or reopens a fund' })
  @Allow(Role.FEDERATION_ADMIN, Role.BRANCH_ADMIN)
  async updateFund(@CurrentActor() actor: Actor, @Args('input') input: UpdateFundInput): Promise<FundObject> {
    return FundObject.from(await this.service.update(actor, input.id, input));
  }
}
