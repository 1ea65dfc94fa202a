import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmailAdministration } from './email-administration.service.js';
import { EmailOutbox } from './email-outbox.service.js';
import { notificationsEntities } from './entities.js';
import { SmtpTransport } from './smtp-transport.js';
import { EmailSendProcessor } from './worker/email-send.processor.js';

/** E-mail: the outbox other libraries queue into, and the `email.send` job that sends over SMTP. */
@Module({
  imports: [TypeOrmModule.forFeature(notificationsEntities)],
  providers: [EmailOutbox, EmailAdministration, SmtpTransport, EmailSendProcessor],
  exports: [EmailOutbox, EmailAdministration],
})
export class NotificationsModule {}
