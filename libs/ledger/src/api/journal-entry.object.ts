import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { Money, MoneyObject } from '#core';
import type { EntryDetail } from '../ledger-reports.service.js';
import { JournalSource, Side } from '../posting.js';
import './ledger-enums.graphql.js';

@ObjectType('JournalLine')
export class JournalLineObject {
  @Field(() => Int) lineNo: number;
  @Field(() => ID) accountId: string;
  @Field() accountCode: string;
  @Field() accountNameJa: string;
  @Field() accountNameEn: string;
  @Field(() => Side) side: Side;
  @Field(() => MoneyObject) amount: MoneyObject;
  @Field(() => ID, { nullable: true }) counterpartyBookId: string | null;
  @Field(() => String, { nullable: true }) fundCode: string | null;
  @Field(() => String, { nullable: true }) memo: string | null;
}

@ObjectType('JournalEntry', { description: '仕訳: a posted entry, never changed; corrections are reversing entries' })
export class JournalEntryObject {
  @Field(() => ID) id: string;
  @Field(() => ID) bookId: string;
  @Field({ description: 'Position in its hash chain' }) seq: string;
  @Field(() => ID, {
    nullable: true,
    description: 'The other book of the hash chain it is linked into (an entry between two books); null: its book’s own chain',
  })
  chainWith: string | null;
  @Field({ description: 'Where it was posted (YYYY-MM-DD)' }) entryDate: string;
  @Field({ description: 'The business date asked for; earlier than entryDate when that month was closed' }) requestedDate: string;
  @Field(() => JournalSource) source: JournalSource;
  @Field() sourceId: string;
  @Field() memo: string;
  @Field() currency: string;
  @Field(() => ID, { nullable: true }) reversesEntryId: string | null;
  @Field(() => ID, { nullable: true }) reversedByEntryId: string | null;
  @Field(() => ID, { nullable: true }) createdBy: string | null;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field({ description: 'sha256 over the content and the previous entry’s hash in its chain' }) hash: string;
  @Field(() => [JournalLineObject]) lines: JournalLineObject[];

  static from(d: EntryDetail): JournalEntryObject {
    const e = d.entry;
    return Object.assign(new JournalEntryObject(), {
      id: e.id,
      bookId: e.bookId,
      seq: e.seq.toString(),
      chainWith: e.chainWith,
      entryDate: e.entryDate,
      requestedDate: e.requestedDate,
      source: e.source,
      sourceId: e.sourceId,
      memo: e.memo,
      currency: e.currency,
      reversesEntryId: e.reversesEntryId,
      reversedByEntryId: d.reversedByEntryId,
      createdBy: e.createdBy,
      createdAt: e.createdAt,
      hash: e.hash,
      lines: d.lines.map((l) =>
        Object.assign(new JournalLineObject(), {
          lineNo: l.lineNo,
          accountId: l.accountId,
          accountCode: l.accountCode,
          accountNameJa: l.accountNameJa,
          accountNameEn: l.accountNameEn,
          side: l.side,
          amount: MoneyObject.from(Money.of(l.amount, e.currency)),
          counterpartyBookId: l.counterpartyBookId,
          fundCode: l.fundCode,
          memo: l.memo,
        }),
      ),
    });
  }
}
