import { Injectable } from '@nestjs/common';
import { OneTimeLinks, OutboxService, TransactionService } from '#core';
import { EmailAttachment } from './email-attachment.entity.js';
import { EmailMessage } from './email-message.entity.js';
import { emailJobPriority, renderEmail, type EmailLocale, type EmailTemplateName, type EmailTemplateParams } from './templates/index.js';

export interface QueuedEmail<K extends EmailTemplateName> {
  /** The same key twice is one e-mail (e.g. `sign-in-link:<tokenId>`, `receipt:<receiptId>`). */
  idempotencyKey: string;
  to: string;
  template: K;
  locale: EmailLocale;
  params: EmailTemplateParams[K];
  /** Files sent with the message (e.g. a receipt's PDF), stored with it. */
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

/**
 * Queues an e-mail in the caller's transaction: the message row (its parameters, and its text
 * with one-time links redacted) and the `email.send` job, both committed with the change that
 * caused the e-mail. The worker renders the real links when it sends.
 */
@Injectable()
export class EmailOutbox {
  constructor(
    private readonly tx: TransactionService,
    private readonly outbox: OutboxService,
    private readonly links: OneTimeLinks,
  ) {}

  /** The id of the e-mail row (the existing one when the key was queued before). */
  async queue<K extends EmailTemplateName>(email: QueuedEmail<K>): Promise<string> {
    const rendered = renderEmail(email.template, email.locale, email.params, (link) => this.links.redacted(link));
    return this.tx.run(async () => {
      const inserted = await this.tx
        .repository(EmailMessage)
        .createQueryBuilder()
        .insert()
        .values({
          idempotencyKey: email.idempotencyKey,
          template: email.template,
          locale: email.locale,
          toAddress: email.to,
          subject: rendered.subject,
          textBody: rendered.text,
          params: email.params,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      const insertedId = (inserted.raw as { id: string }[])[0]?.id;
      const id: string =
        insertedId ?? (await this.tx.repository(EmailMessage).findOneOrFail({ where: { idempotencyKey: email.idempotencyKey }, select: { id: true } })).id;
      if (insertedId && email.attachments?.length) {
        await this.tx.repository(EmailAttachment).insert(email.attachments.map((a, position) => ({ emailId: id, position, filename: a.filename, contentType: a.contentType, content: a.content })));
      }
      // BullMQ refuses custom job ids with one ':' ("Custom Id cannot contain :"), hence `email-<id>`.
      // Sign-in links and account confirmations go before the bulk (receipts, reminders) waiting in the queue.
      await this.outbox.enqueue('email.send', { emailId: id }, `email-${id}`, { priority: emailJobPriority(email.template) });
      return id;
    });
  }
}
