import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { validationErrorsToAppError } from '#core';

/**
 * The same checks the global InputValidationPipe makes, for callers that are not
 * GraphQL (the CLI, seeding, other libraries): BAD_USER_INPUT naming `argName.field`.
 */
export async function validateInput<T extends object>(type: new () => T, input: unknown, argName: string): Promise<T> {
  const instance = plainToInstance(type, input);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false });
  if (errors.length > 0) throw validationErrorsToAppError(errors, argName);
  return instance;
}
