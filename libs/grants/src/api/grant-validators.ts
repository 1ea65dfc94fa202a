import { Field, InputType } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import { AmountScalar, IsAmount } from '#core';
import { GrantCostCategory } from '../grant-enums.js';

@InputType({ description: 'An amount for one cost category' })
export class CostLineInput {
  @Field(() => GrantCostCategory)
  @IsEnum(GrantCostCategory)
  category: GrantCostCategory;

  @Field(() => AmountScalar)
  @IsAmount({ allowZero: true })
  amount: bigint;
}

/** Digits of an exact length, with a bilingual message naming it. */
export const digitsMessage = (n: number, what: { en: string; ja: string }) => `${what.en} must be exactly ${n} digits | ${what.ja}は${n}桁の数字で入力してください`;
