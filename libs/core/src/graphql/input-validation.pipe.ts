import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { validationErrorsToAppError } from '../errors/validation-messages.js';

const PRIMITIVES = new Set<unknown>([String, Boolean, Number, Array, Object, BigInt]);

/**
 * GraphQL parameters that are not the caller's input: @Parent (an object this server produced),
 * @Context, @Info. Without this, every nested field of every row of a page ran class-transformer
 * and class-validator over its parent object.
 */
const NOT_INPUT = new Set<unknown>([0, 1, 2]); // @nestjs/graphql's GqlParamtype ROOT, CONTEXT, INFO (ARGS is 3); not exported

/**
 * An input class may offer a quick check of its hottest shapes: `static precheck(value): boolean`,
 * true only when the plain value certainly passes the class's validation (written with
 * class-validator's own functions: isInt, maxLength, isEnum, isUUID…). The value is then used as
 * given, without class-transformer and class-validator (a few percent of a list page's CPU). False
 * means nothing: the full validation runs and names the failing fields as always.
 */
export interface PrecheckedInput {
  precheck(value: unknown): boolean;
}

const hasPrecheck = (type: unknown): type is PrecheckedInput => typeof (type as Partial<PrecheckedInput>).precheck === 'function';

/**
 * The one global validation pipe: whitelist, forbid unknown properties, transform
 * to the input class; failures become BAD_USER_INPUT with one entry per field
 * (`input.email`), in Japanese and English.
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.metatype;
    if (!type || PRIMITIVES.has(type) || metadata.type === 'custom' || NOT_INPUT.has(metadata.type) || value === null || value === undefined) return value;
    if (hasPrecheck(type) && type.precheck(value)) return value;
    const instance = plainToInstance(type, value) as object;
    if (typeof instance !== 'object') return value;
    const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false });
    if (errors.length > 0) throw validationErrorsToAppError(errors, metadata.data);
    return instance;
  }
}
