import { Module } from '@nestjs/common';
import { NotificationsModule } from './notifications.module.js';
import { EmailInDoubtScheduler, EmailInDoubtSweep } from './worker/email-in-doubt.processor.js';
import { EmailSendProcessor } from './worker/email-send.processor.js';

/** What only the worker runs: the `email.send` job that sends over SMTP, and the in-doubt sweep with its job scheduler. */
@Module({
  imports: [NotificationsModule],
  providers: [EmailSendProcessor, EmailInDoubtSweep, EmailInDoubtScheduler],
  exports: [EmailSendProcessor, EmailInDoubtSweep],
})
export class NotificationsWorkerModule {}
