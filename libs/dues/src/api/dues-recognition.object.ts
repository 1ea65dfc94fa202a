import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Money, MoneyObject } from '#core';
import type { ControlAccountReport } from '../dues-control-accounts.service.js';
import { RecognitionPolicy } from '../recognition-policy.js';
import type { RecognitionSettings } from '../dues-recognition.service.js';
import './dues-enums.graphql.js';

@ObjectType('DuesRecognitionOverride', { description: 'A branch book that keeps its dues on its own basis' })
export class DuesRecognitionOverrideObject {
  @Field(() => ID) bookId: string;
  @Field(() => RecognitionPolicy) policy: RecognitionPolicy;
}

@ObjectType('DuesRecognitionSettings', { description: '会費の計上基準: the federation setting and the per-book overrides' })
export class DuesRecognitionSettingsObject {
  @Field(() => RecognitionPolicy) federation: RecognitionPolicy;
  @Field({ description: 'false while the federation runs on the default (ON_RECEIPT)' }) federationChosen: boolean;
  @Field(() => [DuesRecognitionOverrideObject]) overrides: DuesRecognitionOverrideObject[];

  static from(s: RecognitionSettings): DuesRecognitionSettingsObject {
    return Object.assign(new DuesRecognitionSettingsObject(), {
      federation: s.federation,
      federationChosen: s.federationChosen,
      overrides: s.overrides.map((o) => Object.assign(new DuesRecognitionOverrideObject(), o)),
    });
  }
}

const jpy = (amount: bigint) => MoneyObject.from(Money.of(amount, 'JPY'));

@ObjectType('ReceivableControl', { description: "未収会費 of a branch book against what its ACCRUAL invoices still owe" })
export class ReceivableControlObject {
  @Field(() => ID) branchId: string;
  @Field(() => ID) bookId: string;
  @Field(() => MoneyObject) ledger: MoneyObject;
  @Field(() => MoneyObject) invoices: MoneyObject;
  @Field() agrees: boolean;
}

@ObjectType('InterBookMismatch', { description: "Inter-book accounts that do not mirror each other's" })
export class InterBookMismatchObject {
  @Field(() => ID) bookId: string;
  @Field(() => ID) counterpartyBookId: string;
  @Field() accountCode: string;
  @Field(() => MoneyObject) balance: MoneyObject;
  @Field(() => MoneyObject) mirror: MoneyObject;
}

@ObjectType('DuesControlAccounts', { description: 'The control-account rule: 未収会費 = open ACCRUAL invoices per branch book; inter-book accounts mirrored' })
export class DuesControlAccountsObject {
  @Field() ok: boolean;
  @Field(() => [ReceivableControlObject]) receivables: ReceivableControlObject[];
  @Field(() => [InterBookMismatchObject]) interBook: InterBookMismatchObject[];

  static from(r: ControlAccountReport): DuesControlAccountsObject {
    return Object.assign(new DuesControlAccountsObject(), {
      ok: r.ok,
      receivables: r.receivables.map((x) => Object.assign(new ReceivableControlObject(), { ...x, ledger: jpy(x.ledger), invoices: jpy(x.invoices) })),
      interBook: r.interBook.map((x) => Object.assign(new InterBookMismatchObject(), { ...x, balance: jpy(x.balance), mirror: jpy(x.mirror) })),
    });
  }
}
