import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isIsoDate } from '../time/dates.js';

export interface DateOnlyOptions {
  /** The first year accepted (the ledger's books start in 1900); any year when absent. */
  minYear?: number;
}

/**
 * The house's one date validator: a calendar date written YYYY-MM-DD that exists (2026-02-30 does
 * not), by #core's `isIsoDate`. The message names no property: the field error carries the field
 * (`input.joinedOn`, a CLI option, a CSV column), the message says what is wrong with it.
 */
export function IsDateOnly(options: DateOnlyOptions = {}, validation?: ValidationOptions) {
  const { minYear } = options;
  const earliest = minYear === undefined ? null : `${String(minYear).padStart(4, '0')}-01-01`;
  return ValidateBy(
    {
      name: 'isDateOnly',
      constraints: [minYear],
      validator: {
        validate: (value: unknown) => isIsoDate(value) && (earliest === null || value >= earliest),
        defaultMessage: () =>
          earliest === null
            ? 'must be a date written YYYY-MM-DD, e.g. 2026-04-01 | 日付は YYYY-MM-DD の形式で入力してください (例: 2026-04-01)'
            : `must be a date written YYYY-MM-DD from ${minYear} on, e.g. 2026-04-01 | 日付は ${minYear}年以降を YYYY-MM-DD の形式で入力してください (例: 2026-04-01)`,
      },
    },
    validation,
  );
}
