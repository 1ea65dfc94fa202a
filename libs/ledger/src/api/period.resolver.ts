import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { mapPage } from '#core';
import { Actor, Allow, CurrentActor, LEDGER_READERS, PERIOD_CLOSERS, Role } from '#auth';
import { PeriodService } from '../period.service.js';
import { BookPageArgs, PeriodArgs } from './ledger.args.js';
import { PeriodConnection, PeriodObject } from './period.object.js';

@Resolver(() => PeriodObject)
export class PeriodResolver {
  constructor(private readonly service: PeriodService) {}

  @Query(() => PeriodConnection, { description: 'Months of a book that were closed, newest first' })
  @Allow(...LEDGER_READERS)
  async periods(@CurrentActor() actor: Actor, @Args() args: BookPageArgs) {
    return mapPage(await this.service.list(actor, args.bookId, args), PeriodObject.from);
  }

  @Mutation(() => PeriodObject, { description: '月次締め: federation admins, or the book’s branch treasurer / admin. The month must have ended.' })
  @Allow(...PERIOD_CLOSERS)
  async closePeriod(@CurrentActor() actor: Actor, @Args() args: PeriodArgs) {
    return PeriodObject.from(await this.service.close(actor, args.bookId, args.month));
  }

  @Mutation(() => PeriodObject, { description: 'Reopens a closed month (federation admins only)' })
  @Allow(Role.FEDERATION_ADMIN)
  async reopenPeriod(@CurrentActor() actor: Actor, @Args() args: PeriodArgs) {
    return PeriodObject.from(await this.service.reopen(actor, args.bookId, args.month));
  }
}
