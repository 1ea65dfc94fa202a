import { validateSync, type ValidationError } from 'class-validator';

/** The environment the configuration is read from. Tests provide their own copy. */
export const ENV = Symbol('ENV');
export type Env = Record<string, string | undefined>;

/** Thrown at boot when a variable is missing or malformed: one sentence naming the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Builds a config object from the environment and validates it.
 * `read` maps environment variables onto the class's properties; the class's
 * class-validator decorators say what is acceptable. `variables` names the
 * environment variable behind each property, for the error sentence.
 */
export function validatedConfig<T extends object>(
  target: T,
  variables: Partial<Record<keyof T, string>>,
): T {
  const errors = validateSync(target, { forbidUnknownValues: false });
  if (errors.length > 0) {
    const first: ValidationError = errors[0];
    const variable = variables[first.property as keyof T] ?? first.property;
    const reason = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    throw new ConfigError(
      `Configuration error: environment variable ${variable} ${reason.replace(first.property, '').trim()} (got ${JSON.stringify(first.value)}).`,
    );
  }
  return target;
}

export function intFrom(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  return Number(value);
}
