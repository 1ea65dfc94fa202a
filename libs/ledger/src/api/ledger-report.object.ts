import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection, Money, MoneyObject } from '#core';
import { AccountType, isDebitNormal } from '../chart.js';
import { JournalSource, Side } from '../posting.js';
import type { FundBalanceRow, TrialBalanceRow } from '../ledger-read.repository.js';
import type { AccountEntry } from '../ledger-reports.service.js';
import './ledger-enums.graphql.js';

const money = (amount: bigint, currency: string) => MoneyObject.from(Money.of(amount, currency));

@ObjectType('TrialBalanceLine')
export class TrialBalanceLineObject {
  @Field(() => ID) accountId: string;
  @Field() code: string;
  @Field(() => AccountType) type: AccountType;
  @Field() nameJa: string;
  @Field() nameEn: string;
  @Field(() => MoneyObject) debit: MoneyObject;
  @Field(() => MoneyObject) credit: MoneyObject;
  @Field(() => MoneyObject, { description: 'On the account’s normal side: debit − credit for assets and expenses, credit − debit otherwise' })
  balance: MoneyObject;

  static from(r: TrialBalanceRow, currency: string): TrialBalanceLineObject {
    const net = r.debit - r.credit;
    return Object.assign(new TrialBalanceLineObject(), {
      accountId: r.accountId,
      code: r.code,
      type: r.type,
      nameJa: r.nameJa,
      nameEn: r.nameEn,
      debit: money(r.debit, currency),
      credit: money(r.credit, currency),
      balance: money(isDebitNormal(r.type) ? net : -net, currency),
    });
  }
}

@ObjectType('TrialBalance', { description: '試算表: every account of a book as of a date' })
export class TrialBalanceObject {
  @Field(() => ID) bookId: string;
  @Field() asOf: string;
  @Field(() => [TrialBalanceLineObject]) lines: TrialBalanceLineObject[];
  @Field(() => MoneyObject) totalDebit: MoneyObject;
  @Field(() => MoneyObject) totalCredit: MoneyObject;

  static from(bookId: string, asOf: string, currency: string, rows: TrialBalanceRow[]): TrialBalanceObject {
    return Object.assign(new TrialBalanceObject(), {
      bookId,
      asOf,
      lines: rows.map((r) => TrialBalanceLineObject.from(r, currency)),
      totalDebit: money(rows.reduce((s, r) => s + r.debit, 0n), currency),
      totalCredit: money(rows.reduce((s, r) => s + r.credit, 0n), currency),
    });
  }
}

@ObjectType('FundBalance', { description: 'A restricted fund: income received for it less expense charged to it' })
export class FundBalanceObject {
  @Field() fundCode: string;
  @Field(() => MoneyObject) income: MoneyObject;
  @Field(() => MoneyObject) expense: MoneyObject;
  @Field(() => MoneyObject) balance: MoneyObject;

  static from(r: FundBalanceRow, currency: string): FundBalanceObject {
    return Object.assign(new FundBalanceObject(), {
      fundCode: r.fundCode,
      income: money(r.income, currency),
      expense: money(r.expense, currency),
      balance: money(r.income - r.expense, currency),
    });
  }
}

@ObjectType('AccountEntry', { description: 'One line on an account, with the entry it belongs to' })
export class AccountEntryObject {
  @Field(() => ID) lineId: string;
  @Field(() => ID) entryId: string;
  @Field() entryDate: string;
  @Field(() => JournalSource) source: JournalSource;
  @Field() sourceId: string;
  @Field() memo: string;
  @Field(() => String, { nullable: true }) lineMemo: string | null;
  @Field(() => Side) side: Side;
  @Field(() => MoneyObject) amount: MoneyObject;
  @Field(() => MoneyObject, { description: 'The account’s balance after this line, debit − credit' }) balanceAfter: MoneyObject;
  @Field(() => ID, { nullable: true }) counterpartyBookId: string | null;
  @Field(() => String, { nullable: true }) fundCode: string | null;
  @Field(() => ID, { nullable: true }) reversesEntryId: string | null;

  static from(e: AccountEntry, currency: string): AccountEntryObject {
    return Object.assign(new AccountEntryObject(), {
      lineId: e.lineId,
      entryId: e.entryId,
      entryDate: e.entryDate,
      source: e.source,
      sourceId: e.sourceId,
      memo: e.entryMemo,
      lineMemo: e.lineMemo,
      side: e.side,
      amount: money(e.amount, currency),
      balanceAfter: money(e.balanceAfter, currency),
      counterpartyBookId: e.counterpartyBookId,
      fundCode: e.fundCode,
      reversesEntryId: e.reversesEntryId,
    });
  }
}

export const AccountEntryConnection = Connection(AccountEntryObject);
