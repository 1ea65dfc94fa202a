import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { Clock, JobHandler, TransactionService, type JobPayloads } from '#core';
import { EmailMessage } from '../email-message.entity.js';
import { SmtpTransport } from '../smtp-transport.js';

/**
 * Sends one queued e-mail. A message already SENT is left alone, so a retried or
 * duplicated job sends nothing twice. A failure is recorded and thrown for BullMQ
 * to retry; after the last attempt the message is FAILED.
 */
@Injectable()
export class EmailSendProcessor {
  constructor(
    private readonly tx: TransactionService,
    private readonly smtp: SmtpTransport,
    private readonly clock: Clock,
  ) {}

  @JobHandler('email.send')
  async send(payload: JobPayloads['email.send'], job?: Pick<Job, 'attemptsMade' | 'opts'>): Promise<'sent' | 'skipped'> {
    const messages = this.tx.repository(EmailMessage);
    const email = await messages.findOneBy({ id: payload.emailId });
    if (!email || email.status === 'SENT') return 'skipped';
    try {
      await this.smtp.send({ to: email.toAddress, subject: email.subject, text: email.textBody, messageId: this.smtp.messageId(`email-${email.id}`) });
    } catch (error) {
      const last = !job || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await messages.update(
        { id: email.id },
        { attempts: () => 'attempts + 1', lastError: String((error as Error).message ?? error).slice(0, 2000), ...(last && { status: 'FAILED' }) },
      );
      throw error;
    }
    await messages.update({ id: email.id }, { status: 'SENT', sentAt: this.clock.now(), attempts: () => 'attempts + 1', lastError: null });
    return 'sent';
  }
}
