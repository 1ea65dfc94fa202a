import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { BUSINESS_TIME_ZONE, JOBS } from '#core';

/** Every day at 06:00 in Tokyo (before members check their mail). */
export const AUTO_RENEW_SCHEDULE = { id: 'autorenew-daily', pattern: '0 6 * * *', tz: BUSINESS_TIME_ZONE } as const;

/** Registers the daily auto-renew run with BullMQ (upsert: every worker at boot, one schedule). */
@Injectable()
export class AutoRenewScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(AutoRenewScheduler.name);

  constructor(@InjectQueue(JOBS['autorenew.run'].queue) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    const spec = JOBS['autorenew.run'];
    await this.queue.upsertJobScheduler(
      AUTO_RENEW_SCHEDULE.id,
      { pattern: AUTO_RENEW_SCHEDULE.pattern, tz: AUTO_RENEW_SCHEDULE.tz },
      { name: 'autorenew.run', data: {}, opts: { attempts: spec.attempts, backoff: { type: 'exponential', delay: spec.backoffMs } } },
    );
    this.logger.log(`auto-renew scheduled: ${AUTO_RENEW_SCHEDULE.pattern} ${AUTO_RENEW_SCHEDULE.tz}`);
  }
}
