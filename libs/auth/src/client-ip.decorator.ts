import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { requestOf } from '#access';

/**
 * The caller's IP address, as Fastify's request.ip gives it under TRUST_PROXY (AppConfig): the
 * socket's peer when no proxy is trusted, else the right-most X-Forwarded-For hop that is not a
 * trusted proxy. Never read X-Forwarded-For here directly.
 */
export const ClientIp = createParamDecorator((_: unknown, ctx: ExecutionContext): string => requestOf(ctx)?.ip ?? 'unknown');
