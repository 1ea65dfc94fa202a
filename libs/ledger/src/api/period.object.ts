import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '#core';
import { type Period, PeriodStatus } from '../period.entity.js';
import './ledger-enums.graphql.js';

@ObjectType('Period', { description: 'A month of a book that has been closed (and maybe reopened); other months are open' })
export class PeriodObject {
  @Field(() => ID) bookId: string;
  @Field({ description: 'YYYY-MM' }) month: string;
  @Field(() => PeriodStatus) status: PeriodStatus;
  @Field(() => GraphQLISODateTime, { nullable: true }) closedAt: Date | null;
  @Field(() => ID, { nullable: true }) closedBy: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) reopenedAt: Date | null;
  @Field(() => ID, { nullable: true }) reopenedBy: string | null;

  static from(p: Period): PeriodObject {
    return Object.assign(new PeriodObject(), {
      bookId: p.bookId,
      month: p.month.slice(0, 7),
      status: p.status,
      closedAt: p.closedAt,
      closedBy: p.closedBy,
      reopenedAt: p.reopenedAt,
      reopenedBy: p.reopenedBy,
    });
  }
}

export const PeriodConnection = Connection(PeriodObject);
