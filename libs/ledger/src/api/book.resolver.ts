import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { mapPage, PageArgs } from '#core';
import { Actor, Allow, CurrentActor, LEDGER_READERS, Role } from '#auth';
import { AccountService } from '../account.service.js';
import { LedgerReports } from '../ledger-reports.service.js';
import { AccountConnection, AccountObject } from './account.object.js';
import { BookConnection, BookObject } from './book.object.js';
import { BookPageArgs } from './ledger.args.js';
import { CreateAccountInput } from './ledger.input.js';

@Resolver(() => BookObject)
export class BookResolver {
  constructor(
    private readonly reports: LedgerReports,
    private readonly chart: AccountService,
  ) {}

  @Query(() => BookConnection, { description: 'The books the caller may read' })
  @Allow(...LEDGER_READERS)
  async books(@CurrentActor() actor: Actor, @Args() page: PageArgs) {
    return mapPage(await this.reports.listBooks(actor, page), BookObject.from);
  }

  @Query(() => AccountConnection, { description: 'A book’s chart of accounts, by code' })
  @Allow(...LEDGER_READERS)
  async accounts(@CurrentActor() actor: Actor, @Args() args: BookPageArgs) {
    return mapPage(await this.chart.list(actor, args.bookId, args), AccountObject.from);
  }

  @Mutation(() => AccountObject, { description: 'Adds an account to a book (federation admins)' })
  @Allow(Role.FEDERATION_ADMIN)
  async createAccount(@CurrentActor() actor: Actor, @Args('input') input: CreateAccountInput) {
    return AccountObject.from(await this.chart.create(actor, input));
  }
}
