import { Matches } from 'class-validator';
import { type Env, validatedConfig } from './env.js';

export class RedisConfig {
  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// URL' })
  url: string;

  @Matches(/^[a-z0-9_-]+$/i, { message: 'must be letters, digits, - or _' })
  queuePrefix: string;

  static fromEnv(env: Env): RedisConfig {
    return validatedConfig(
      Object.assign(new RedisConfig(), {
        url: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        queuePrefix: env.QUEUE_PREFIX ?? 'rentai',
      }),
      { url: 'REDIS_URL', queuePrefix: 'QUEUE_PREFIX' },
    );
  }

  get address(): string {
    const u = new URL(this.url);
    return `${u.hostname}:${u.port || 6379}`;
  }

  get connection(): { host: string; port: number; password?: string; db?: number; maxRetriesPerRequest: null } {
    const u = new URL(this.url);
    return {
      host: u.hostname,
      port: Number(u.port || 6379),
      password: u.password || undefined,
      db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined,
      maxRetriesPerRequest: null,
    };
  }
}
