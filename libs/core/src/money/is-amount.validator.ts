import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * The largest amount any input takes (payments, plans, manual journal lines, settlements …):
 * ¥10,000,000,000 (百億円), far above any sum this platform books, and small enough that
 * every total of such amounts stays exact in JSON (Amount serializes up to 2^53 − 1).
 */
export const MAX_AMOUNT = 10_000_000_000n;

/** Why a value is not an acceptable amount, or null when it is. */
export function amountProblem(value: unknown, options: { allowZero?: boolean; allowNegative?: boolean } = {}): { en: string; ja: string } | null {
  if (typeof value !== 'bigint') return { en: 'must be a whole number of minor units', ja: '金額は整数で入力してください' };
  if (value > MAX_AMOUNT || value < -MAX_AMOUNT) {
    return { en: `must not exceed ${MAX_AMOUNT.toLocaleString('en')}`, ja: `金額は${MAX_AMOUNT.toLocaleString('ja')}以下にしてください` };
  }
  if (!options.allowNegative && value < 0n) return { en: 'must not be negative', ja: '金額は0以上で入力してください' };
  if (!options.allowZero && !options.allowNegative && value === 0n) return { en: 'must be greater than zero', ja: '金額は正の整数で入力してください' };
  return null;
}

/**
 * A bigint amount (the Amount scalar already refused fractions); positive unless allowed, and
 * never beyond MAX_AMOUNT either way. Every input that takes an amount uses this (MoneyInput does).
 */
export function IsAmount(options: { allowZero?: boolean; allowNegative?: boolean } = {}, validation?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isAmount',
      validator: {
        validate: (value: unknown) => amountProblem(value, options) === null,
        defaultMessage: (args) => {
          const problem = amountProblem(args?.value, options) ?? { en: 'is not a valid amount', ja: '金額が正しくありません' };
          // "en | ja": the validation error mapper splits it into the caller's language.
          return `$property ${problem.en} | ${problem.ja}`;
        },
      },
    },
    validation,
  );
}
