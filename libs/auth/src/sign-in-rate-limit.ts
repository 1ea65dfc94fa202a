import { createHash } from 'node:crypto';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RedisConfig } from '#core';
import { AuthErrors } from './auth.errors.js';

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** How many events each subject may cause in a window (fixed windows, counted in Redis). */
export const SIGN_IN_LIMITS = {
  /** Failed password sign-ins for one e-mail address. */
  passwordFailuresPerEmail: { limit: 10, windowMs: FIFTEEN_MINUTES },
  /** Failed password sign-ins from one IP (higher: an office shares one address). */
  passwordFailuresPerIp: { limit: 30, windowMs: FIFTEEN_MINUTES },
  /** Sign-in links requested for one e-mail address. */
  linkRequestsPerEmail: { limit: 5, windowMs: FIFTEEN_MINUTES },
  /** Sign-in links requested from one IP. */
  linkRequestsPerIp: { limit: 30, windowMs: FIFTEEN_MINUTES },
} as const;

export type LimitName = keyof typeof SIGN_IN_LIMITS;
export type LimitSubject = [LimitName, string];

/**
 * Rate limits on signing in, shared by every gateway replica through Redis.
 * Subjects (e-mail, IP) are hashed in the keys. Over the limit: TOO_MANY_REQUESTS.
 */
@Injectable()
export class SignInRateLimit implements OnModuleDestroy {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(config: RedisConfig) {
    this.redis = new Redis({ ...config.connection, maxRetriesPerRequest: 1, lazyConnect: true });
    this.redis.on('error', () => undefined);
    this.prefix = `${config.queuePrefix}:rate`;
  }

  /** Throws TOO_MANY_REQUESTS when any subject has used up its window already. */
  async assertAllowed(subjects: LimitSubject[]): Promise<void> {
    const counts = await this.redis.mget(subjects.map(([name, subject]) => this.key(name, subject)));
    if (subjects.some(([name], i) => Number(counts[i] ?? 0) >= SIGN_IN_LIMITS[name].limit)) throw AuthErrors.tooManyAttempts();
  }

  /** Counts one event for each subject. */
  async record(subjects: LimitSubject[]): Promise<number[]> {
    const multi = this.redis.multi();
    for (const [name, subject] of subjects) {
      const key = this.key(name, subject);
      multi.incr(key).pexpire(key, SIGN_IN_LIMITS[name].windowMs, 'NX');
    }
    const results = (await multi.exec()) ?? [];
    return subjects.map((_, i) => Number(results[i * 2]?.[1] ?? 0));
  }

  /** Counts one event and throws TOO_MANY_REQUESTS when it goes over a limit. */
  async consume(subjects: LimitSubject[]): Promise<void> {
    const counts = await this.record(subjects);
    if (subjects.some(([name], i) => counts[i] > SIGN_IN_LIMITS[name].limit)) throw AuthErrors.tooManyAttempts();
  }

  private key(name: LimitName, subject: string): string {
    return `${this.prefix}:${name}:${createHash('sha256').update(subject.toLowerCase()).digest('base64url')}`;
  }

  async onModuleDestroy(): Promise<void> {
    // A client that never connected (no sign-in happened) would connect just to say QUIT.
    if (this.redis.status === 'wait') this.redis.disconnect();
    else await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
