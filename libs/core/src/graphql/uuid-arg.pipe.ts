import type { PipeTransform } from '@nestjs/common';
import { Args, ID } from '@nestjs/graphql';
import { isUUID } from 'class-validator';
import { CORE_REASONS } from '../errors/core.errors.js';

/**
 * Validates a scalar ID argument (the global validation pipe only sees input classes):
 * anything but a UUID is BAD_USER_INPUT naming the argument, before a query is run.
 */
export class UuidArgPipe implements PipeTransform<unknown, unknown> {
  constructor(private readonly field: string) {}

  transform(value: unknown): unknown {
    if (value === null || value === undefined) return value;
    if (typeof value !== 'string' || !isUUID(value)) {
      throw CORE_REASONS.ID_NOT_VALID.at(this.field, this.field);
    }
    return value.toLowerCase();
  }
}

export const uuidArg = (field: string) => new UuidArgPipe(field);

/**
 * A scalar `ID` argument, validated as a UUID: `@IdArg('id') id: string`. The one way to take
 * an id argument, so none reaches a query unchecked (a non-UUID would make PostgreSQL fail);
 * the access walk (test/access-rules.e2e-spec.ts) sends a malformed id to every operation.
 */
export const IdArg = (name: string, options: { nullable?: boolean; description?: string } = {}): ParameterDecorator =>
  Args(name, { type: () => ID, ...options }, uuidArg(name));
