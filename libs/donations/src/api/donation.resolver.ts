import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IdArg, PageArgs, mapPage } from '#core';
import { Actor, Allow, BRANCH_STAFF, ClientIp, CurrentActor, Public, Role, SignedIn } from '#auth';
import { DONATION_WRITERS } from '../fund-access.js';
import { DonationLoaders } from '../donation.loaders.js';
import { RequestLocale } from './request-locale.decorator.js';
import { DonationService } from '../donations.service.js';
import { OnlineDonations } from '../online-donations.service.js';
import { DonationsArgs, RecordDonationInput, RefundDonationInput, StartDonationInput } from './donation.input.js';
import { DonationConnection, DonationObject, FundObject } from './donation.object.js';

@Resolver(() => DonationObject)
export class DonationResolver {
  constructor(
    private readonly online: OnlineDonations,
    private readonly service: DonationService,
    private readonly loaders: DonationLoaders,
  ) {}

  @ResolveField(() => FundObject, { description: 'The fund given to (batched per request)' })
  @SignedIn()
  async fund(@Parent() donation: DonationObject, @Context() context: object): Promise<FundObject> {
    return FundObject.from((await this.loaders.fund(context).load(donation.fundId))!);
  }

  @Mutation(() => DonationObject, {
    description: 'Starts a one-time donation through Stripe Checkout (card or konbini): a signed-in member, or a guest with name, kana, e-mail and address. Pay at `checkoutUrl`.',
  })
  @Public()
  async startDonation(
    @CurrentActor() actor: Actor | undefined,
    @ClientIp() ip: string,
    @RequestLocale() locale: 'ja' | 'en',
    @Args('input') input: StartDonationInput,
  ): Promise<DonationObject> {
    return DonationObject.from(await this.online.start(actor, { ...input, guest: input.guest ?? null, language: input.language ?? (actor ? actor.locale : locale) }, ip));
  }

  @Mutation(() => DonationObject, { description: 'Records cash or a bank transfer given to a fund (federation admins; a branch’s treasurers and admins for its funds)' })
  @Allow(...DONATION_WRITERS)
  async recordDonation(@CurrentActor() actor: Actor, @Args('input') input: RecordDonationInput): Promise<DonationObject> {
    return DonationObject.from(await this.service.record(actor, { ...input, language: input.language ?? 'ja' }));
  }

  @Mutation(() => DonationObject, { description: 'Refunds an online donation fully or partly (idempotency key); the books follow Stripe’s charge.refunded' })
  @Allow(...DONATION_WRITERS)
  async refundDonation(@CurrentActor() actor: Actor, @Args('input') input: RefundDonationInput): Promise<DonationObject> {
    return DonationObject.from(await this.service.refund(actor, input));
  }

  @Query(() => DonationObject, { description: 'One donation: its donor, or staff of its branch or its fund’s branch' })
  @SignedIn()
  async donation(@CurrentActor() actor: Actor, @IdArg('id') id: string): Promise<DonationObject> {
    return DonationObject.from(await this.service.get(actor, id));
  }

  @Query(() => DonationConnection, { description: 'Donations, newest first: federation-wide staff all, branch staff their branches’' })
  @Allow(...BRANCH_STAFF)
  async donations(@CurrentActor() actor: Actor, @Args() args: DonationsArgs) {
    return mapPage(await this.service.list(actor, { fundId: args.fundId, status: args.status }, args), DonationObject.from);
  }

  @Query(() => DonationConnection, { description: 'The signed-in member’s own donations, newest first' })
  @Allow(Role.MEMBER)
  async myDonations(@CurrentActor() actor: Actor, @Args() args: PageArgs) {
    return mapPage(await this.service.mine(actor, args), DonationObject.from);
  }
}
