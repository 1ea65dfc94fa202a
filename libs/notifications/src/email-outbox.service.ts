import { Injectable } from '@nestjs/common';
import { OneTimeLinks, OutboxService, TransactionService } from '#core';
import { EmailAttachment } from './email-attachment.entity.js';
import { EmailMessage } from './email-message.entity.js';
import { emailJobPriority, renderEmail, renderStoredText, type EmailLocale, type EmailTemplateName, type EmailTemplateParams } from './templates/index.js';

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

  /**
   * Many e-mails of one template in the caller's transaction, set-based: the message rows in one
   * INSERT … SELECT FROM json_to_recordset (a key queued before keeps its message) and their `email.send`
   * jobs in one outbox INSERT. An e-mail may bring its own id (a row elsewhere was written
   * pointing at it in the same statement that decided to send it). Returns idempotency key → the
   * id of its message (the existing one when the key was queued before).
   */
  async queueMany<K extends EmailTemplateName>(template: K, emails: readonly (Omit<QueuedEmail<K>, 'template' | 'attachments'> & { id?: string })[]): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    if (emails.length === 0) return ids;
    // The rows as one JSON parameter, sent as UTF-8 bytes: each row's JSON is small and short-lived, and the bytes are
    // outside the JS heap, so a bulk run's thousands of messages (one large string per chunk otherwise) do not pile up in it.
    const rows = Buffer.concat([
      Buffer.from('['),
      ...emails.map((e, i) => {
        const rendered = renderStoredText(template, e.locale, e.params, (link) => this.links.redacted(link));
        const row = { id: e.id ?? null, idempotency_key: e.idempotencyKey, locale: e.locale, to_address: e.to, subject: rendered.subject, text_body: rendered.text, params: e.params };
        return Buffer.from(`${i === 0 ? '' : ','}${JSON.stringify(row)}`);
      }),
      Buffer.from(']'),
    ]);
    return this.tx.run(async () => {
      const inserted: { id: string; idempotency_key: string }[] = await this.tx.manager.query(
        `INSERT INTO email_messages (id, idempotency_key, template, locale, to_address, subject, text_body, params)
         SELECT COALESCE(t.id, gen_random_uuid()), t.idempotency_key, $1, t.locale, t.to_address, t.subject, t.text_body, t.params
           FROM json_to_recordset($2::json) AS t(id uuid, idempotency_key text, locale text, to_address text, subject text, text_body text, params jsonb)
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING id, idempotency_key`,
        [template, rows],
      );
      for (const r of inserted) ids.set(r.idempotency_key, r.id);
      const before = emails.filter((e) => !ids.has(e.idempotencyKey)).map((e) => e.idempotencyKey);
      if (before.length > 0) {
        const existing: { id: string; idempotency_key: string }[] = await this.tx.manager.query(`SELECT id, idempotency_key FROM email_messages WHERE idempotency_key = ANY($1::text[])`, [before]);
        for (const r of existing) ids.set(r.idempotency_key, r.id);
      }
      // BullMQ refuses custom job ids with one ':' ("Custom Id cannot contain :"), hence `email-<id>`.
      await this.outbox.enqueueMany('email.send', [...new Set(ids.values())].map((id) => ({ payload: { emailId: id }, jobId: `email-${id}` })), { priority: emailJobPriority(template) });
      return ids;
    });
  }
}
