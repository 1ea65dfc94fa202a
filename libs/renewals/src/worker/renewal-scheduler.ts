import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { BUSINESS_TIME_ZONE, JOBS, RenewalsConfig } from '#core';

export const RENEWAL_SCHEDULER_ID = 'renewals-daily';

/**
 * The daily renewal run as a BullMQ job scheduler (upsertJobScheduler: one schedule however many
 * workers start, updated in place when RENEWAL_SCHEDULE changes), in Asia/Tokyo. Registered by
 * the worker only (RenewalsWorkerModule).
 */
@Injectable()
export class RenewalScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(RenewalScheduler.name);

  constructor(
    @InjectQueue('renewals') private readonly queue: Queue,
    private readonly config: RenewalsConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const spec = JOBS['renewals.run'];
    await this.queue.upsertJobScheduler(
      RENEWAL_SCHEDULER_ID,
      { pattern: this.config.schedule, tz: BUSINESS_TIME_ZONE },
      { name: 'renewals.run', data: {}, opts: { attempts: spec.attempts, backoff: { type: 'exponential', delay: spec.backoffMs }, removeOnComplete: { age: 30 * 24 * 3600 }, removeOnFail: false } },
    );
    this.logger.log(`renewals scheduled: ${this.config.schedule} (${BUSINESS_TIME_ZONE})`);
  }
}
