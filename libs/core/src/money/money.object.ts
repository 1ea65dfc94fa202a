import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsIn, IsOptional } from 'class-validator';
import { CURRENCIES, type CurrencyCode } from './currency.js';
import { Money } from './money.js';
import { AmountScalar } from './amount.scalar.js';
import { IsAmount } from './is-amount.validator.js';

@ObjectType('Money', { description: 'An amount in the minor unit of its currency (JPY has none: 3000 is ¥3,000).' })
export class MoneyObject {
  @Field(() => AmountScalar)
  amount: bigint;

  @Field(() => String, { description: 'ISO 4217 code, e.g. JPY' })
  currency: CurrencyCode;

  static from(money: Money): MoneyObject {
    return Object.assign(new MoneyObject(), { amount: money.amount, currency: money.currency });
  }
}

@InputType('MoneyInput')
export class MoneyInput {
  @Field(() => AmountScalar)
  @IsAmount()
  amount: bigint;

  @Field(() => String, { nullable: true, defaultValue: 'JPY' })
  @IsOptional()
  @IsIn(Object.keys(CURRENCIES), { message: 'currency must be one of JPY, USD, EUR' })
  currency: CurrencyCode = 'JPY';

  toMoney(): Money {
    return Money.of(this.amount, this.currency ?? 'JPY');
  }
}
