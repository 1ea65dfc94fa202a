import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { localeFrom, type Locale } from '#core';
import { requestOf } from '#access';

/** The caller's language from Accept-Language (a guest has no account to carry one). */
export const RequestLocale = createParamDecorator((_: unknown, ctx: ExecutionContext): Locale => localeFrom(requestOf(ctx)?.headers?.['accept-language']));
