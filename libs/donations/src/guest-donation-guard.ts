import { createHash } from 'node:crypto';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RedisConfig } from '#core';
import { reserveFixedWindows } from '#auth';
import { DonationsError } from './donations.errors.js';

const HOUR = 3600 * 1000;

/**
 * Guest donations are where stolen cards get tested. Limits per caller IP and per e-mail (fixed
 * windows counted in Redis, shared by every gateway replica), and a count of failed guest
 * payments: when it reaches FAILURE_SPIKE in a window, admins get one alert for that window.
 */
export const GUEST_LIMITS = {
  perIp: { limit: 5, windowMs: HOUR },
  perEmail: { limit: 3, windowMs: HOUR },
  /** Failed guest payments in 15 minutes that make an alert. */
  failureSpike: { limit: 5, windowMs: 15 * 60 * 1000 },
} as const;

@Injectable()
export class GuestDonationGuard implements OnModuleDestroy {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(config: RedisConfig) {
    this.redis = new Redis({ ...config.connection, maxRetriesPerRequest: 1, lazyConnect: true });
    this.redis.on('error', () => undefined);
    this.prefix = `${config.queuePrefix}:donation-rate`;
  }

  /** One guest attempt from `ip` for `email`; TOO_MANY_REQUESTS (nothing counted) when either is used up. */
  async admit(ip: string, email: string): Promise<void> {
    const keys = [this.key('ip', ip), this.key('email', email.trim().toLowerCase())];
    const admitted = await reserveFixedWindows(this.redis, [
      { key: keys[0], ...GUEST_LIMITS.perIp },
      { key: keys[1], ...GUEST_LIMITS.perEmail },
    ]);
    if (!admitted) throw DonationsError.tooManyGuestDonations();
  }

  /**
   * Counts a failed guest payment; returns the window's start (its alert key) when this failure
   * is the one that reaches the spike, else null.
   */
  async failure(now: Date): Promise<string | null> {
    const { limit, windowMs } = GUEST_LIMITS.failureSpike;
    const window = Math.floor(now.getTime() / windowMs) * windowMs;
    const key = `${this.prefix}:failures:${window}`;
    const [[, count]] = (await this.redis.multi().incr(key).pexpire(key, windowMs * 2).exec()) as [[null, number], unknown];
    return count === limit ? new Date(window).toISOString() : null;
  }

  private key(kind: string, subject: string): string {
    return `${this.prefix}:${kind}:${createHash('sha256').update(subject).digest('base64url')}`;
  }

  async onModuleDestroy(): Promise<void> {
    if (this.redis.status === 'wait') this.redis.disconnect();
    else await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
