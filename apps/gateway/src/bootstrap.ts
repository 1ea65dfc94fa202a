import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import { AppConfig, QUIET_BOOT } from '#core';
import { GatewayModule } from './gateway.module.js';

/** 1 MiB: far above any GraphQL request, far below anything abusive. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * trustProxy only for known proxies (AppConfig's TRUST_PROXY rule): otherwise any client could claim
 * any IP in X-Forwarded-For. The client IP every rate limit uses (ClientIp) is Fastify's request.ip
 * under this setting, nothing else.
 */
export function gatewayAdapter(trustProxy: AppConfig['trustProxy']): FastifyAdapter {
  // A hop count as Fastify itself reads one: the socket's peer is hop 0, then X-Forwarded-For from the right.
  const trust = typeof trustProxy === 'number' ? (_address: string, hop: number) => hop < trustProxy : trustProxy;
  return new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, trustProxy: trust });
}

/** The gateway application, booted quietly (see QUIET_BOOT): a failed start throws its one sentence. */
export async function createGateway(): Promise<NestFastifyApplication> {
  const { trustProxy } = AppConfig.fromEnv(process.env);
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule, gatewayAdapter(trustProxy), { rawBody: true, ...QUIET_BOOT });
  app.enableShutdownHooks();
  return app;
}
