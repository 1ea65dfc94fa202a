import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmailAdministration } from './email-administration.service.js';
import { EmailOutbox } from './email-outbox.service.js';
import { notificationsEntities } from './entities.js';
import { SmtpTransport } from './smtp-transport.js';
import { EmailInDoubtScheduler, EmailInDoubtSweep } from './worker/email-in-doubt.processor.js';
import { EmailSendProcessor } from './worker/email-send.processor.js';

/** E-mail: the outbox other libraries queue into, the `email.send` job that sends over SMTP, and the in-doubt sweep. */
@Module({
  imports: [TypeOrmModule.forFeature(notificationsEntities)],
  providers: [EmailOutbox, EmailAdministration, SmtpTransport, EmailSendProcessor, EmailInDoubtSweep],
  exports: [EmailOutbox, EmailAdministration],
})
export class NotificationsModule {}

/** What only the worker runs: the in-doubt sweep's job scheduler. */
@Module({
  imports: [NotificationsModule],
  providers: [EmailInDoubtScheduler],
})
export class NotificationsWorkerModule {}
