import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { AppConfig } from '#core';
import { GatewayModule } from './gateway.module.js';

/** 1 MiB: far above any GraphQL request, far below anything abusive. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** trustProxy only for a known proxy: otherwise any client could claim any IP in X-Forwarded-For. */
export function gatewayAdapter(trustProxy: boolean | string): FastifyAdapter {
  return new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, trustProxy });
}

export async function createGateway(logger: false | ('log' | 'error' | 'warn')[] = ['log', 'error', 'warn']): Promise<NestFastifyApplication> {
  const { trustProxy } = AppConfig.fromEnv(process.env);
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule, gatewayAdapter(trustProxy), { rawBody: true, logger, abortOnError: false });
  app.enableShutdownHooks();
  return app;
}

/** Prints one sentence and exits when configuration or a service is wrong. */
export function exitOnStartupError(error: unknown, app?: INestApplicationContext): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`\n${message}\n`);
  void app?.close();
  process.exit(1);
}
