import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';

export const MONTHLY_GIFT_SCAN_SCHEDULER = 'monthly-gifts.scan';

/**
 * The daily scan of monthly gifts, as a BullMQ job scheduler (one per deployment whatever the
 * number of workers: upsertJobScheduler is idempotent), at 09:00 Asia/Tokyo.
 */
@Injectable()
export class MonthlyGiftSchedule implements OnApplicationBootstrap {
  constructor(@InjectQueue('maintenance') private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(MONTHLY_GIFT_SCAN_SCHEDULER, { pattern: '0 0 9 * * *', tz: 'Asia/Tokyo' }, { name: 'monthly-gifts.scan', data: {} });
  }
}
