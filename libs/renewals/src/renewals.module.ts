import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '#auth';
import { DuesModule } from '#dues';
import { MembersModule } from '#members';
import { NotificationsModule } from '#notifications';
import { renewalsEntities } from './entities.js';
import { RenewalReminderRepository } from './renewal-reminder.repository.js';
import { RenewalReminders } from './renewal-reminders.service.js';
import { RenewalRun } from './renewal-run.service.js';
import { RenewalsDemo } from './demo/renewals-demo.service.js';
import { RenewalRunProcessor } from './worker/renewal-run.processor.js';
import { RenewalScheduler } from './worker/renewal-scheduler.js';

/** Renewals: the daily run (renewal invoices, grace and lapse, reminders) and upcomingRenewal. */
@Module({
  imports: [TypeOrmModule.forFeature(renewalsEntities), AuthModule, NotificationsModule, DuesModule, MembersModule],
  providers: [RenewalReminderRepository, RenewalReminders, RenewalRun, RenewalsDemo],
  exports: [RenewalRun, RenewalReminders, RenewalsDemo, RenewalReminderRepository],
})
export class RenewalsModule {}

/** What only the worker runs: the `renewals.run` job and its daily job scheduler. */
@Module({
  imports: [RenewalsModule],
  providers: [RenewalRunProcessor, RenewalScheduler],
})
export class RenewalsWorkerModule {}
