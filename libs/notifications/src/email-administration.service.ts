import { Injectable } from '@nestjs/common';
import { AppError, OutboxService, TransactionService, keysetPage, type Page } from '#core';
import { EmailMessage } from './email-message.entity.js';
import { NOTIFICATIONS_REASONS } from './notifications.errors.js';

/**
 * What admins do about e-mails that did not go out: list those that failed for good (FAILED after
 * the job's last attempt) and send one again. A resend puts the message back to PENDING and queues
 * a new `email.send` job; the claim (PENDING → SENDING) still makes it go out at most once more.
 */
@Injectable()
export class EmailAdministration {
  constructor(
    private readonly tx: TransactionService,
    private readonly outbox: OutboxService,
  ) {}

  /** Permanently failed messages, oldest first, keyset on (created_at, id). */
  failed(args: { first: number; after?: string | null }): Promise<Page<EmailMessage>> {
    const qb = this.tx.repository(EmailMessage).createQueryBuilder('e').where(`e.status = 'FAILED'`);
    return keysetPage(
      qb,
      [
        { expression: 'e.created_at', value: (e) => e.createdAt.toISOString() },
        { expression: 'e.id', value: (e) => e.id },
      ],
      args,
    );
  }

  /** FAILED → PENDING with a new job. NOT_FOUND for an unknown id; CONFLICT EMAIL_NOT_FAILED for any other status. */
  async resend(emailId: string): Promise<EmailMessage> {
    return this.tx.run(async () => {
      const messages = this.tx.repository(EmailMessage);
      const email = await messages.createQueryBuilder('e').where('e.id = :emailId', { emailId }).setLock('pessimistic_write').getOne();
      if (!email) throw AppError.notFound('EmailMessage', emailId);
      if (email.status !== 'FAILED') {
        throw NOTIFICATIONS_REASONS.EMAIL_NOT_FAILED.error(email.status);
      }
      await messages.update({ id: emailId }, { status: 'PENDING', claimedAt: null });
      // A new job id: BullMQ keeps the failed job under the old one.
      await this.outbox.enqueue('email.send', { emailId }, `email-${emailId}-resend-${email.attempts}`);
      return messages.findOneByOrFail({ id: emailId });
    });
  }
}
