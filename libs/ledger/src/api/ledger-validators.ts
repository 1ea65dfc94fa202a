import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isBusinessDate, parseMonth } from '../period-math.js';

/** A real calendar date written YYYY-MM-DD. */
export function IsBusinessDate(validation?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isBusinessDate',
      validator: {
        validate: (value: unknown) => isBusinessDate(value),
        defaultMessage: () => '$property must be a date written YYYY-MM-DD | 日付は YYYY-MM-DD 形式で入力してください',
      },
    },
    validation,
  );
}

/** A month written YYYY-MM. */
export function IsMonth(validation?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isMonth',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseMonth(value) !== null,
        defaultMessage: () => '$property must be a month written YYYY-MM | 月は YYYY-MM 形式で入力してください',
      },
    },
    validation,
  );
}
