import { isIP } from 'node:net';
import { IsIn, IsInt, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';
import { type Env, ConfigError, intFrom, validatedConfig } from './env.js';

/** Published in this repository: accepted only when NODE_ENV says explicitly that this is development or a test. */
const DEV_SECRET = 'rentai-development-session-secret-change-me';

/** proxy-addr's names for address ranges, usable in TRUST_PROXY. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY, one rule: which proxies in front of the gateway may report the client's address.
 * - unset or `false`: none. X-Forwarded-For is ignored; the client is the socket's peer.
 * - addresses, CIDR ranges or `loopback` / `linklocal` / `uniquelocal`, comma-separated: those
 *   proxies. X-Forwarded-For is read from the right, skipping trusted proxies; the client is the
 *   right-most address that is not one of them (what the nearest trusted proxy saw), never a
 *   left-most value the client wrote itself.
 * - a number n: the n nearest hops are proxies; the client is the n-th address from the right.
 * `true` ("trust every hop", the left-most value) is refused: any client could forge it.
 */
export function parseTrustProxy(value: string | undefined): false | number | string {
  const raw = value?.trim() ?? '';
  if (raw === '' || raw === 'false') return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  const entries = raw.split(',').map((e) => e.trim());
  const valid = (e: string) => PROXY_RANGE_NAMES.has(e) || isIP(e) !== 0 || /^[0-9a-fA-F:.]+\/\d{1,3}$/.test(e);
  if (raw === 'true' || entries.some((e) => !valid(e))) {
    throw new ConfigError(
      `Configuration error: environment variable TRUST_PROXY must be false, the number of proxies in front of the gateway, or their addresses (e.g. 127.0.0.1,10.0.0.0/8 or loopback) (got ${JSON.stringify(raw)}).`,
    );
  }
  return entries.join(',');
}

export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  nodeEnv: 'development' | 'test' | 'production';

  @IsString()
  host: string;

  @IsInt() @Min(0) @Max(65535)
  port: number;

  @IsInt() @Min(0) @Max(65535)
  workerHealthPort: number;

  @IsUrl({ require_tld: false })
  publicUrl: string;

  @IsString() @MinLength(32)
  sessionSecret: string;

  @IsInt() @Min(60)
  sessionTtlSeconds: number;

  /** Fastify's trustProxy: false (default), a hop count, or the proxies' addresses (see parseTrustProxy). */
  trustProxy: false | number | string;

  static fromEnv(env: Env): AppConfig {
    const config = Object.assign(new AppConfig(), {
      nodeEnv: (env.NODE_ENV ?? 'development') as AppConfig['nodeEnv'],
      host: env.HOST ?? '0.0.0.0',
      port: intFrom(env.PORT, 3000),
      workerHealthPort: intFrom(env.WORKER_HEALTH_PORT, 3001),
      publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3000}`,
      sessionSecret: env.SESSION_SECRET ?? DEV_SECRET,
      sessionTtlSeconds: intFrom(env.SESSION_TTL_SECONDS, 12 * 3600),
      trustProxy: parseTrustProxy(env.TRUST_PROXY),
    });
    validatedConfig(config, {
      nodeEnv: 'NODE_ENV',
      host: 'HOST',
      port: 'PORT',
      workerHealthPort: 'WORKER_HEALTH_PORT',
      publicUrl: 'PUBLIC_URL',
      sessionSecret: 'SESSION_SECRET',
      sessionTtlSeconds: 'SESSION_TTL_SECONDS',
    });
    // The built-in secret is published: a deployment that leaves NODE_ENV unset must not sign sessions with it.
    if (config.sessionSecret === DEV_SECRET && env.NODE_ENV !== 'development' && env.NODE_ENV !== 'test') {
      throw new ConfigError(
        `Configuration error: environment variable SESSION_SECRET must be set to a secret of your own (the built-in development secret is accepted only with NODE_ENV=development or test; NODE_ENV is ${env.NODE_ENV ? JSON.stringify(env.NODE_ENV) : 'not set'}).`,
      );
    }
    return config;
  }

  get production(): boolean {
    return this.nodeEnv === 'production';
  }
}
