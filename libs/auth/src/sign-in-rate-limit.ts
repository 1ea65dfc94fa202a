import { createHash } from 'node:crypto';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RedisConfig } from '#core';
import { AuthErrors } from './auth.errors.js';
import { reserveFixedWindows } from './fixed-window-counters.js';

const FIFTEEN_MINUTES = 15 * 60 * 1000;
const THIRTY_DAYS = 30 * 24 * 3600 * 1000;

/**
 * How many events each subject may cause in a window (fixed windows, counted in Redis).
 *
 * Password sign-in throttles, it does not lock out: the per-address limit is keyed on the address
 * *and* the caller's IP, so a stranger's wrong passwords never stop the owner signing in from
 * elsewhere. Against guessing from many IPs, a global per-address ceiling counts the attempts from
 * IPs the address has not signed in from before; over it, only known IPs (a correct password from
 * there in the last 30 days) may still try.
 */
export const SIGN_IN_LIMITS = {
  /** Password attempts for one e-mail address from one IP. */
  passwordAttemptsPerAddressAndIp: { limit: 10, windowMs: FIFTEEN_MINUTES },
  /** Password attempts from one IP, any address (higher: an office shares one address). */
  passwordAttemptsPerIp: { limit: 30, windowMs: FIFTEEN_MINUTES },
  /** Password attempts for one e-mail address from IPs it has not signed in from: the global ceiling. */
  passwordAttemptsPerAddressFromNewIps: { limit: 50, windowMs: FIFTEEN_MINUTES },
  /** Sign-in links requested for one e-mail address. */
  linkRequestsPerEmail: { limit: 5, windowMs: FIFTEEN_MINUTES },
  /** Sign-in links requested from one IP. */
  linkRequestsPerIp: { limit: 30, windowMs: FIFTEEN_MINUTES },
} as const;

export type LimitName = keyof typeof SIGN_IN_LIMITS;
export type LimitSubject = [LimitName, string];

/** A reservation taken before the work it limits; given back when the attempt succeeds. */
export interface Reservation {
  keys: string[];
}

/** Gives one back on each counter that still exists (a window that ended is not revived). */
const RELEASE = `
for _, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') > 0 then redis.call('DECR', key) end
end
return 0`;

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

  /**
   * Counts one attempt on each subject before the attempt is made, atomically; TOO_MANY_REQUESTS
   * (nothing counted) when any subject has used up its window.
   */
  async reserve(subjects: LimitSubject[]): Promise<Reservation> {
    const keys = subjects.map(([name, subject]) => this.key(name, subject));
    const admitted = await reserveFixedWindows(this.redis, subjects.map(([name], i) => ({ key: keys[i], ...SIGN_IN_LIMITS[name] })));
    if (!admitted) throw AuthErrors.tooManyAttempts();
    return { keys };
  }

  /** The attempt succeeded: it does not count against anyone. */
  async release(reservation: Reservation): Promise<void> {
    await this.redis.eval(RELEASE, reservation.keys.length, ...reservation.keys);
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

  /** Whether `address` signed in with its password from `ip` in the last 30 days. */
  async isKnownIp(address: string, ip: string): Promise<boolean> {
    return (await this.redis.sismember(this.knownIpsKey(address), this.hash(ip))) === 1;
  }

  /** Remembers a successful password sign-in of `address` from `ip` (30 days since the latest). */
  async rememberIp(address: string, ip: string): Promise<void> {
    const key = this.knownIpsKey(address);
    await this.redis.multi().sadd(key, this.hash(ip)).pexpire(key, THIRTY_DAYS).exec();
  }

  private key(name: LimitName, subject: string): string {
    return `${this.prefix}:${name}:${this.hash(subject)}`;
  }

  private knownIpsKey(address: string): string {
    return `${this.prefix}:knownIps:${this.hash(address)}`;
  }

  private hash(subject: string): string {
    return createHash('sha256').update(subject.toLowerCase()).digest('base64url');
  }

  async onModuleDestroy(): Promise<void> {
    // A client that never connected (no sign-in happened) would connect just to say QUIT.
    if (this.redis.status === 'wait') this.redis.disconnect();
    else await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
