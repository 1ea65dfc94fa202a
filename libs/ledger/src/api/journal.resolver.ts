import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { mapPage } from '#core';
import { Actor, Allow, CurrentActor, LEDGER_READERS, MANUAL_ENTRY_WRITERS } from '#auth';
import { LedgerReports } from '../ledger-reports.service.js';
import { ManualEntryService } from '../manual-entry.service.js';
import { JournalEntryObject } from './journal-entry.object.js';
import { AccountEntriesArgs, JournalEntryArgs, ReverseJournalEntryArgs } from './ledger.args.js';
import { CreateManualJournalEntryInput } from './ledger.input.js';
import { AccountEntryConnection, AccountEntryObject } from './ledger-report.object.js';

@Resolver(() => JournalEntryObject)
export class JournalResolver {
  constructor(
    private readonly reports: LedgerReports,
    private readonly manual: ManualEntryService,
  ) {}

  @Query(() => JournalEntryObject)
  @Allow(...LEDGER_READERS)
  async journalEntry(@CurrentActor() actor: Actor, @Args() args: JournalEntryArgs) {
    return JournalEntryObject.from(await this.reports.journalEntry(actor, args.id));
  }

  @Query(() => AccountEntryConnection, { description: 'An account’s lines, oldest first, with the running balance' })
  @Allow(...LEDGER_READERS)
  async accountEntries(@CurrentActor() actor: Actor, @Args() args: AccountEntriesArgs) {
    const { book, page } = await this.reports.accountEntries(actor, args.accountId, args);
    return mapPage(page, (e) => AccountEntryObject.from(e, book.currency));
  }

  @Mutation(() => JournalEntryObject, {
    description: '振替伝票: a manual entry (treasurers: their branch’s book; federation admins: any book). Memo required.',
  })
  @Allow(...MANUAL_ENTRY_WRITERS)
  async createManualJournalEntry(@CurrentActor() actor: Actor, @Args('input') input: CreateManualJournalEntryInput) {
    const posted = await this.manual.create(actor, input);
    return JournalEntryObject.from(await this.reports.journalEntry(actor, posted.entryId));
  }

  @Mutation(() => JournalEntryObject, {
    description: 'Posts the reversing entry of a manual entry, dated today (a payment, invoice or settlement entry is reversed by its own void)',
  })
  @Allow(...MANUAL_ENTRY_WRITERS)
  async reverseJournalEntry(@CurrentActor() actor: Actor, @Args() args: ReverseJournalEntryArgs) {
    const posted = await this.manual.reverse(actor, args.id, args.memo);
    return JournalEntryObject.from(await this.reports.journalEntry(actor, posted.entryId));
  }
}
