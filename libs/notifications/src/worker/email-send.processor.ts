import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { Clock, JobHandler, OneTimeLinks, TransactionService, type JobPayloads } from '#core';
import { EmailAttachment } from '../email-attachment.entity.js';
import { EmailMessage } from '../email-message.entity.js';
import { SmtpTransport } from '../smtp-transport.js';
import { certainlyNotSent } from '../smtp-outcome.js';
import { renderEmail, type EmailTemplateName, type EmailTemplateParams } from '../templates/index.js';

export type SendOutcome = 'sent' | 'skipped' | 'uncertain';

/**
 * Sends one queued e-mail, **at most once** per idempotency key.
 *
 * The job first claims the message: one UPDATE from PENDING to SENDING (with claimed_at and the
 * attempt counted), committed before anything goes to SMTP. Only the job that made that change
 * sends; a second run of the job, concurrent or later, finds the message SENDING or SENT and
 * sends nothing. After the send the message is SENT.
 *
 * A failure that certainly did not deliver (connection refused, a 4xx/5xx reply: see
 * certainlyNotSent) gives the claim back (PENDING, or FAILED after the last attempt) and is
 * thrown for BullMQ to retry. A failure whose outcome is unknown (a timeout or a connection lost
 * while the message was going out) keeps the message SENDING with the error and is not retried:
 * we prefer a missing e-mail to a doubled one (a member asks for a new sign-in link; a receipt
 * can be sent again on request).
 *
 * A worker killed between the claim and the end of the send leaves the message SENDING with its
 * claimed_at: it is never sent again by a job (BullMQ's retry of the stalled job skips it), and
 * it is listed with the other unsent messages (email_messages_unsent_idx) for an operator. Each
 * message carries a Message-ID derived from its idempotency key, so a deliberate re-send after
 * an unknown outcome is recognisable as the same message by the receiving side.
 *
 * One-time links are rendered here, at send time, from the references in `params`; the stored
 * text_body has them redacted.
 */
@Injectable()
export class EmailSendProcessor {
  private readonly logger = new Logger(EmailSendProcessor.name);

  constructor(
    private readonly tx: TransactionService,
    private readonly smtp: SmtpTransport,
    private readonly clock: Clock,
    private readonly links: OneTimeLinks,
  ) {}

  @JobHandler('email.send')
  async send(payload: JobPayloads['email.send'], job?: Pick<Job, 'attemptsMade' | 'opts'>): Promise<SendOutcome> {
    const email = await this.claim(payload.emailId);
    if (!email) return 'skipped';
    const messages = this.tx.repository(EmailMessage);
    const rendered = renderEmail(
      email.template as EmailTemplateName,
      email.locale,
      email.params as unknown as EmailTemplateParams[EmailTemplateName],
      (link) => this.links.url(link),
    );
    const attachments = await this.tx.repository(EmailAttachment).find({ where: { emailId: email.id }, order: { position: 'ASC' } });
    try {
      await this.smtp.send({
        to: email.toAddress,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
        messageId: this.smtp.messageId(messageKey(email.idempotencyKey)),
      });
    } catch (error) {
      const message = String((error as Error).message ?? error).slice(0, 2000);
      if (!certainlyNotSent(error)) {
        this.logger.error(`e-mail ${email.id}: outcome unknown, not sent again: ${message}`);
        await messages.update({ id: email.id }, { lastError: `outcome unknown: ${message}` });
        return 'uncertain';
      }
      const last = !job || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await messages.update({ id: email.id }, { status: last ? 'FAILED' : 'PENDING', claimedAt: null, lastError: message });
      throw error;
    }
    await messages.update({ id: email.id }, { status: 'SENT', sentAt: this.clock.now(), lastError: null });
    return 'sent';
  }

  /** PENDING → SENDING in one committed statement; null when another run has it, or it is done. */
  private async claim(emailId: string): Promise<EmailMessage | null> {
    const result = await this.tx
      .repository(EmailMessage)
      .createQueryBuilder()
      .update()
      .set({ status: 'SENDING', claimedAt: this.clock.now(), attempts: () => 'attempts + 1' })
      .where('id = :emailId AND status = :pending', { emailId, pending: 'PENDING' })
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length > 0 ? this.tx.repository(EmailMessage).findOneByOrFail({ id: emailId }) : null;
  }
}

/** The Message-ID's local part: the same for every send of one idempotency key. */
export function messageKey(idempotencyKey: string): string {
  return `email-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}`;
}
