import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, ValidateBy, type ValidationOptions } from 'class-validator';
import { AmountScalar, IsAmount } from '#core';
import { GrantCostCategory } from '../grant-enums.js';

/** A calendar date YYYY-MM-DD that exists. */
export function IsDateOnly(validation?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isDateOnly',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
          const d = new Date(`${value}T00:00:00Z`);
          return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
        },
        defaultMessage: () => '$property must be a date YYYY-MM-DD | 日付は YYYY-MM-DD 形式で入力してください',
      },
    },
    validation,
  );
}

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
