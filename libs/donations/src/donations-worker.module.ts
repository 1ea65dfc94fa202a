import { Module } from '@nestjs/common';
import { MonthlyGiftSchedule } from './worker/monthly-gift-schedule.js';

/** What only the worker runs: the daily job scheduler of monthly gifts. */
@Module({ providers: [MonthlyGiftSchedule] })
export class DonationsWorkerModule {}
