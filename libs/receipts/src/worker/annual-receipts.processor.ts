import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { BUSINESS_TIME_ZONE, JOBS, JobHandler, JobHandlerRegistry, type JobPayloads } from '#core';
import { AnnualReceiptRun, type AnnualRunResult } from '../donations/annual-receipt-run.service.js';

export const ANNUAL_RECEIPTS_SCHEDULER = 'annual-donation-receipts';
/** 10 January, 03:00 Asia/Tokyo: gifts made in the last days of December have arrived by then. */
export const ANNUAL_RECEIPTS_PATTERN = '0 3 10 1 *';

/**
 * `receipts.annual-run`: the annual donation receipts of a year (the year before today's when the
 * January scheduler starts it). The worker registers the scheduler at boot (upsertJobScheduler:
 * the same id from every worker and every boot is one scheduler).
 */
@Injectable()
export class AnnualReceiptsProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(AnnualReceiptsProcessor.name);

  constructor(
    private readonly run: AnnualReceiptRun,
    private readonly modules: ModuleRef,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Only a worker schedules (the gateway imports the same library but processes no jobs).
    if (!isWorker(this.modules)) return;
    const queue = this.modules.get<Queue>(getQueueToken(JOBS['receipts.annual-run'].queue), { strict: false });
    const spec = JOBS['receipts.annual-run'];
    await queue.upsertJobScheduler(
      ANNUAL_RECEIPTS_SCHEDULER,
      { pattern: ANNUAL_RECEIPTS_PATTERN, tz: BUSINESS_TIME_ZONE },
      { name: 'receipts.annual-run', data: { year: null }, opts: { attempts: spec.attempts, backoff: { type: 'exponential', delay: spec.backoffMs }, removeOnComplete: { age: 366 * 24 * 3600 }, removeOnFail: false } },
    );
    this.logger.log(`annual donation receipts scheduled (${ANNUAL_RECEIPTS_PATTERN}, ${BUSINESS_TIME_ZONE})`);
  }

  @JobHandler('receipts.annual-run')
  annual(payload: JobPayloads['receipts.annual-run']): Promise<AnnualRunResult> {
    return this.run.run(payload.year ?? this.run.previousYear());
  }
}

function isWorker(modules: ModuleRef): boolean {
  try {
    return !!modules.get(JobHandlerRegistry, { strict: false });
  } catch {
    return false;
  }
}
