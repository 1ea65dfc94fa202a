import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A bigint amount (the Amount scalar already refused fractions); positive unless allowed. */
export function IsAmount(options: { allowZero?: boolean; allowNegative?: boolean } = {}, validation?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isAmount',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'bigint' &&
          (options.allowNegative || value >= 0n) &&
          (options.allowZero || options.allowNegative || value !== 0n),
        defaultMessage: () =>
          options.allowZero ? '$property must not be negative' : '$property must be greater than zero',
      },
    },
    validation,
  );
}
