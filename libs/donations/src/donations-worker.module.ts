import { Module } from '@nestjs/common';
import { OnlinePaymentsModule } from '#payments';
import { DonationsModule } from './donations.module.js';
import { MonthlyGiftCharging } from './worker/monthly-gift-charging.processor.js';
import { MonthlyGiftSchedule } from './worker/monthly-gift-schedule.js';

/** What only the worker runs: the monthly-gift charging job and its daily job scheduler. */
@Module({
  imports: [DonationsModule, OnlinePaymentsModule],
  providers: [MonthlyGiftCharging, MonthlyGiftSchedule],
  exports: [MonthlyGiftCharging],
})
export class DonationsWorkerModule {}
