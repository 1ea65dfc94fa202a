import { Logger, type INestApplicationContext, type LogLevel } from '@nestjs/common';
import { ConfigError } from './env.js';

/**
 * NestFactory options for booting an app (gateway, worker, CLI). Nest's start-up chatter and the
 * stack traces of a failed start are buffered and never printed on failure, so a wrong variable or
 * an unreachable PostgreSQL or Redis ends the process with the one sentence of its ConfigError
 * (exitOnStartupError). After a successful boot, bootLogging prints what was held back.
 */
export const QUIET_BOOT = { logger: ['error', 'warn'] as LogLevel[], bufferLogs: true, autoFlushLogs: false, abortOnError: false };

/** After a successful boot: the boot's warnings and errors are printed, then `levels` from here on. */
export function bootLogging(app: INestApplicationContext, levels: LogLevel[] = ['log', 'error', 'warn']): void {
  Logger.flush();
  app.useLogger(levels);
}

/**
 * Ends a failed start: a configuration or connection problem (ConfigError) in its one sentence;
 * anything else (a bug) with everything Nest logged and the stack trace. Exit code 1.
 */
export function exitOnStartupError(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    Logger.flush();
    process.stderr.write(`Rentai could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
}

/** A listen() failure as one sentence naming the variable behind the port. */
export function listenError(error: unknown, variable: string, host: string, port: number): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE') return new ConfigError(`Cannot listen on ${host}:${port} (${variable}): the port is already in use.`);
  if (code === 'EACCES') return new ConfigError(`Cannot listen on ${host}:${port} (${variable}): permission denied.`);
  return error;
}
