import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { Clock, JobHandler, OneTimeLinks, TransactionService, type JobPayloads } from '#core';
import { EmailAttachment } from '../email-attachment.entity.js';
import { EmailMessage } from '../email-message.entity.js';
import { SmtpTransport } from '../smtp-transport.js';
import { certainlyNotSent } from '../smtp-outcome.js';
import { renderEmail, type EmailTemplateName, type EmailTemplateParams } from '../templates/index.js';

/** `withheld`: an in-doubt resend that would not be byte-identical with the first transmission. */
export type SendOutcome = 'sent' | 'skipped' | 'uncertain' | 'withheld';

/**
 * Sends one queued e-mail: delivered **at least once per Message-ID**, with at most one in-doubt
 * resend, and a duplicate only ever byte-identical with the first copy (libs/notifications/README.md).
 *
 * The message is composed first — deterministically: its Message-ID and MIME boundaries derive
 * from the idempotency key and its Date header is the instant it was queued, so every composition
 * gives the same bytes — and then claimed: one UPDATE from PENDING to SENDING (claimed_at, the
 * attempt counted, the bytes' SHA-256), committed right before the SMTP transaction. Only the run
 * that made that change sends; a second run of the job, concurrent or later, finds the message
 * SENDING or SENT and sends nothing. The message is marked SENT as soon as the server answers 250
 * to the final dot. So the window in which the outcome can be lost is one SMTP transaction of one
 * message per concurrent job.
 *
 * A failure that certainly did not deliver (connection refused, a 4xx/5xx reply: see
 * certainlyNotSent) gives the claim back (PENDING, or FAILED after the last attempt) and is
 * thrown for BullMQ to retry with backoff. A failure whose outcome is unknown (a timeout, the
 * line dropped after the final dot) and a worker killed between the claim and SENT leave the
 * message SENDING: once its claim is older than the in-doubt delay, EmailInDoubtSweep queues it
 * once more (in_doubt_resends = 1), and this job sends it again only if it composes to the same
 * SHA-256 as the transmission in doubt (a deploy that changed its template in between withholds
 * it: it stays SENDING, listed for admins as in doubt).
 *
 * One-time links are rendered here, at send time, from the references in `params` (their tokens
 * are derived, so the same every time); the stored text_body has them redacted, and no bytes of
 * the message are stored.
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
    const messages = this.tx.repository(EmailMessage);
    const email = await messages.findOneBy({ id: payload.emailId });
    if (!email || email.status !== 'PENDING') return 'skipped';
    const raw = await this.compose(email);
    const sha256 = createHash('sha256').update(raw).digest('hex');
    const claimedAt = await this.claim(email.id, sha256);
    if (!claimedAt) return this.withholdIfChanged(email, sha256);
    try {
      await this.smtp.send(email.toAddress, raw);
    } catch (error) {
      const message = String((error as Error).message ?? error).slice(0, 2000);
      if (!certainlyNotSent(error)) {
        this.logger.error(`e-mail ${email.id}: outcome unknown, in doubt until the sweep sends it once more: ${message}`);
        await messages.update({ id: email.id }, { lastError: `outcome unknown: ${message}` });
        return 'uncertain';
      }
      const last = !job || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      // Only our claim is given back (a sweep may have taken a claim that outlived the in-doubt delay).
      await messages.update({ id: email.id, status: 'SENDING', claimedAt }, { status: last ? 'FAILED' : 'PENDING', claimedAt: null, lastError: message });
      throw error;
    }
    await messages.update({ id: email.id }, { status: 'SENT', sentAt: this.clock.now(), lastError: null });
    return 'sent';
  }

  /** The message's bytes: the same for every composition of one e-mail (see SmtpTransport.compose). */
  private async compose(email: EmailMessage): Promise<Buffer> {
    const rendered = renderEmail(
      email.template as EmailTemplateName,
      email.locale,
      email.params as unknown as EmailTemplateParams[EmailTemplateName],
      (link) => this.links.url(link),
    );
    const attachments = await this.tx.repository(EmailAttachment).find({ where: { emailId: email.id }, order: { position: 'ASC' } });
    const key = messageKey(email.idempotencyKey);
    return this.smtp.compose({
      to: email.toAddress,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
      messageId: this.smtp.messageId(key),
      date: email.createdAt,
      boundary: key.slice('email-'.length, 'email-'.length + 16),
    });
  }

  /**
   * PENDING → SENDING in one committed statement, recording the bytes' SHA-256; an in-doubt resend
   * only with the same bytes as the transmission in doubt. The claim's instant, or null when another
   * run has it, it is done, or it would not be identical.
   */
  private async claim(emailId: string, sha256: string): Promise<Date | null> {
    const claimedAt = this.clock.now();
    const result = await this.tx
      .repository(EmailMessage)
      .createQueryBuilder()
      .update()
      .set({ status: 'SENDING', claimedAt, attempts: () => 'attempts + 1', contentSha256: sha256 })
      .where(`id = :emailId AND status = 'PENDING' AND (in_doubt_resends = 0 OR content_sha256 = :sha256)`, { emailId, sha256 })
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length > 0 ? claimedAt : null;
  }

  /** Not claimed: skipped, unless it is an in-doubt resend whose bytes changed — then withheld, in doubt for good. */
  private async withholdIfChanged(email: EmailMessage, sha256: string): Promise<SendOutcome> {
    if (email.inDoubtResends === 0 || email.contentSha256 === sha256) return 'skipped';
    const withheld = await this.tx
      .repository(EmailMessage)
      .createQueryBuilder()
      .update()
      .set({ status: 'SENDING', claimedAt: () => 'COALESCE(claimed_at, now())', lastError: 'in-doubt resend withheld: the message no longer composes to the bytes of the transmission in doubt' })
      .where(`id = :id AND status = 'PENDING' AND in_doubt_resends > 0 AND content_sha256 <> :sha256`, { id: email.id, sha256 })
      .returning(['id'])
      .execute();
    if ((withheld.raw as unknown[]).length === 0) return 'skipped';
    this.logger.error(`e-mail ${email.id}: in-doubt resend withheld (its bytes changed since the transmission in doubt)`);
    return 'withheld';
  }
}

/** The Message-ID's local part: the same for every send of one idempotency key. */
export function messageKey(idempotencyKey: string): string {
  return `email-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}`;
}
