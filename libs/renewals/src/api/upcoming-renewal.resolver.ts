import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { localeFrom } from '#core';
import { SignedIn } from '#auth';
import { MembershipObject } from '#dues';
import { UpcomingRenewalLoader } from '../upcoming-renewal.loader.js';
import { UpcomingRenewalObject } from './upcoming-renewal.object.js';

type RequestContext = { reply?: { request?: { headers?: Record<string, string | string[] | undefined> } } };

/** `Membership.upcomingRenewal`, batched per request. The parent membership was already authorized (membership / memberships). */
@Resolver(() => MembershipObject)
export class UpcomingRenewalResolver {
  constructor(private readonly loader: UpcomingRenewalLoader) {}

  @ResolveField(() => UpcomingRenewalObject, { nullable: true, description: 'The next renewal: date, amount, method, reminders sent, what happens next (null once cancelled)' })
  @SignedIn()
  async upcomingRenewal(@Parent() membership: MembershipObject, @Context() context: RequestContext) {
    const upcoming = await this.loader.for(context).load(membership.id);
    return upcoming ? UpcomingRenewalObject.from(upcoming, localeFrom(context.reply?.request?.headers?.['accept-language'])) : null;
  }
}
