import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { requestOf } from './access-rule.decorator.js';

/** The caller's IP address (X-Forwarded-For is trusted: the gateway runs behind a proxy). */
export const ClientIp = createParamDecorator((_: unknown, ctx: ExecutionContext): string => requestOf(ctx)?.ip ?? 'unknown');
