import { ArgsType, Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { IsDateOnly, Money, MoneyObject } from '#core';
import { AutoRenewChargeStatus, type AutoRenewCharge } from '../auto-renew-charge.entity.js';
import type { SavedCard } from '../saved-card.entity.js';

registerEnumType(AutoRenewChargeStatus, {
  name: 'AutoRenewChargeStatus',
  description: 'CHARGING (asked of Stripe), SUCCEEDED, PROCESSING, DECLINED (retried on days 1, 3, 7), REQUIRES_ACTION (the member was e-mailed a link to pay)',
});

@ObjectType('SavedCard', { description: 'The card saved for auto-renew (保存済みカード): never the number, only what recognises it' })
export class SavedCardObject {
  @Field({ description: 'visa, mastercard, jcb, amex …' }) brand: string;
  @Field() last4: string;
  @Field(() => Int) expMonth: number;
  @Field(() => Int) expYear: number;
  @Field(() => GraphQLISODateTime) savedAt: Date;

  static from(c: SavedCard): SavedCardObject {
    return Object.assign(new SavedCardObject(), { brand: c.brand, last4: c.last4, expMonth: c.expMonth, expYear: c.expYear, savedAt: c.savedAt });
  }
}

@ObjectType('AutoRenewCharge', { description: 'One attempt to charge the saved card for a renewal invoice / 自動更新の決済' })
export class AutoRenewChargeObject {
  @Field(() => ID) invoiceId: string;
  @Field(() => Int, { description: '1 on the due date; 2, 3, 4 on days 1, 3 and 7 after it' }) attempt: number;
  @Field() attemptedOn: string;
  @Field(() => MoneyObject) amount: MoneyObject;
  @Field(() => AutoRenewChargeStatus) status: AutoRenewChargeStatus;
  @Field(() => String, { nullable: true, description: 'The issuer’s reason for a decline (insufficient_funds, expired_card …)' }) declineCode: string | null;
  @Field(() => ID, { nullable: true, description: 'The payment recorded when it succeeded' }) paymentId: string | null;

  static from(c: AutoRenewCharge): AutoRenewChargeObject {
    return Object.assign(new AutoRenewChargeObject(), {
      invoiceId: c.invoiceId,
      attempt: c.attempt,
      attemptedOn: c.attemptedOn,
      amount: MoneyObject.from(Money.of(c.amount, c.currency)),
      status: c.status,
      declineCode: c.declineCode,
      paymentId: c.paymentId,
    });
  }
}

@ArgsType()
export class RunAutoRenewArgs {
  @Field(() => String, { nullable: true, description: 'The business day to run for (YYYY-MM-DD); today in Tokyo when omitted' })
  @IsOptional()
  @IsDateOnly()
  on?: string | null;
}
