import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import { AppError, Clock, OutboxService, SmtpConfig, TransactionService, keysetPage, type Page } from '#core';
import { EmailMessage } from './email-message.entity.js';
import { NOTIFICATIONS_REASONS } from './notifications.errors.js';
import { emailJobPriority, type EmailTemplateName } from './templates/index.js';
import { inDoubtBefore } from './worker/email-in-doubt.processor.js';

/**
 * What admins do about e-mails that did not go out for certain: list those that failed for good
 * (FAILED after the job's last attempt) and send one again; list those in doubt (their send's
 * outcome unknown: re-sent once by the sweep, or waiting for it). A resend puts the message back to
 * PENDING and queues a new `email.send` job; the claim (PENDING → SENDING) still makes it go out
 * at most once more.
 */
@Injectable()
export class EmailAdministration {
  constructor(
    private readonly tx: TransactionService,
    private readonly outbox: OutboxService,
    private readonly smtp: SmtpConfig,
    private readonly clock: Clock,
  ) {}

  /** Permanently failed messages, oldest first, keyset on (created_at, id). */
  failed(args: { first: number; after?: string | null }): Promise<Page<EmailMessage>> {
    return this.page(this.tx.repository(EmailMessage).createQueryBuilder('e').where(`e.status = 'FAILED'`), args);
  }

  /**
   * Messages whose delivery was in doubt, oldest first: SENDING with a claim older than the in-doubt
   * delay (the sweep re-sends them once, or did and that resend is in doubt too), and every message
   * the sweep re-sent (in_doubt_resends 1; SENT when the resend was accepted: the recipient may hold
   * two byte-identical copies).
   */
  inDoubt(args: { first: number; after?: string | null }): Promise<Page<EmailMessage>> {
    const qb = this.tx
      .repository(EmailMessage)
      .createQueryBuilder('e')
      .where(`((e.status = 'SENDING' AND e.claimed_at < :before) OR e.in_doubt_resends > 0)`, { before: inDoubtBefore(this.clock.now(), this.smtp) });
    return this.page(qb, args);
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
      await this.outbox.enqueue('email.send', { emailId }, `email-${emailId}-resend-${email.attempts}`, { priority: emailJobPriority(email.template as EmailTemplateName) });
      return messages.findOneByOrFail({ id: emailId });
    });
  }

  private page(qb: SelectQueryBuilder<EmailMessage>, args: { first: number; after?: string | null }): Promise<Page<EmailMessage>> {
    return keysetPage(
      qb,
      [
        { expression: 'e.created_at', value: (e) => e.createdAt.toISOString() },
        { expression: 'e.id', value: (e) => e.id },
      ],
      args,
    );
  }
}
