import { ValidateBy, type ValidationOptions } from 'class-validator';
import { parseMonth } from '../period-math.js';

// Dates are validated by #core's IsDateOnly({ minYear: LEDGER_FIRST_YEAR }); only months are the ledger's own.

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
