import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmailAdministration } from './email-administration.service.js';
import { EmailOutbox } from './email-outbox.service.js';
import { notificationsEntities } from './entities.js';
import { SmtpTransport } from './smtp-transport.js';

/** E-mail: the outbox other libraries queue into, the templates and the SMTP transport (the `email.send` job is NotificationsWorkerModule's). */
@Module({
  imports: [TypeOrmModule.forFeature(notificationsEntities)],
  providers: [EmailOutbox, EmailAdministration, SmtpTransport],
  exports: [EmailOutbox, EmailAdministration, SmtpTransport],
})
export class NotificationsModule {}
