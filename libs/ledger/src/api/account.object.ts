import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '#core';
import type { Account } from '../account.entity.js';
import { AccountType } from '../chart.js';
import './ledger-enums.graphql.js';

@ObjectType('Account', { description: '勘定科目: an account of one book' })
export class AccountObject {
  @Field(() => ID) id: string;
  @Field(() => ID) bookId: string;
  @Field() code: string;
  @Field(() => AccountType) type: AccountType;
  @Field() nameJa: string;
  @Field() nameEn: string;
  @Field({ description: 'Part of the standard chart, rather than added by an admin' }) standard: boolean;

  static from(a: Account): AccountObject {
    return Object.assign(new AccountObject(), { id: a.id, bookId: a.bookId, code: a.code, type: a.type, nameJa: a.nameJa, nameEn: a.nameEn, standard: a.standard });
  }
}

export const AccountConnection = Connection(AccountObject);
