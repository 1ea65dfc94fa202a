import { Module } from '@nestjs/common';
import { NotificationsModule } from './notifications.module.js';
import { EmailSendProcessor } from './worker/email-send.processor.js';

/** What only the worker runs: the `email.send` job that sends over SMTP. */
@Module({
  imports: [NotificationsModule],
  providers: [EmailSendProcessor],
  exports: [EmailSendProcessor],
})
export class NotificationsWorkerModule {}
