import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A calendar date YYYY-MM-DD that exists (2026-02-30 does not). */
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
