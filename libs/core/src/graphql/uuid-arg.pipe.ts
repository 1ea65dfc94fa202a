import type { PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { AppError } from '../errors/app-error.js';

/**
 * Validates a scalar ID argument (the global validation pipe only sees input classes):
 * anything but a UUID is BAD_USER_INPUT naming the argument, before a query is run.
 */
export class UuidArgPipe implements PipeTransform<unknown, unknown> {
  constructor(private readonly field: string) {}

  transform(value: unknown): unknown {
    if (value === null || value === undefined) return value;
    if (typeof value !== 'string' || !isUUID(value)) {
      throw AppError.badInput(this.field, { en: `${this.field} is not a valid id`, ja: `${this.field} はIDの形式ではありません` });
    }
    return value.toLowerCase();
  }
}

export const uuidArg = (field: string) => new UuidArgPipe(field);
