import { IsIn, IsInt, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';
import { type Env, ConfigError, intFrom, validatedConfig } from './env.js';

const DEV_SECRET = 'rentai-development-session-secret-change-me';

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

  /** Fastify's trustProxy: false (default), true, or the proxies' addresses (comma-separated). */
  trustProxy: boolean | string;

  static fromEnv(env: Env): AppConfig {
    const config = Object.assign(new AppConfig(), {
      nodeEnv: (env.NODE_ENV ?? 'development') as AppConfig['nodeEnv'],
      host: env.HOST ?? '0.0.0.0',
      port: intFrom(env.PORT, 3000),
      workerHealthPort: intFrom(env.WORKER_HEALTH_PORT, 3001),
      publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3000}`,
      sessionSecret: env.SESSION_SECRET ?? DEV_SECRET,
      sessionTtlSeconds: intFrom(env.SESSION_TTL_SECONDS, 12 * 3600),
      trustProxy: !env.TRUST_PROXY || env.TRUST_PROXY === 'false' ? false : env.TRUST_PROXY === 'true' ? true : env.TRUST_PROXY,
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
    if (config.nodeEnv === 'production' && config.sessionSecret === DEV_SECRET) {
      throw new ConfigError('Configuration error: environment variable SESSION_SECRET must be set to a secret of your own in production.');
    }
    return config;
  }

  get production(): boolean {
    return this.nodeEnv === 'production';
  }
}
