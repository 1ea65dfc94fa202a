import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { CoreModule, ENV, OneTimeLinks, TransactionService } from '#core';
import { BULK_EMAIL_PRIORITY, EmailInDoubtSweep, EmailOutbox, EmailSendProcessor, NotificationsWorkerModule, messageKey } from '#notifications';
import { createTestDatabase, startSmtpCapture, type SmtpCapture, type TestDatabase } from '#testing';

/** The worker module registers the in-doubt sweep's job scheduler at start: under this file's own prefix, not the default one. */
const QUEUE_PREFIX = `test-notifications-${randomBytes(4).toString('hex')}`;

describe('EmailOutbox and the email.send job', () => {
  let database: TestDatabase;
  let capture: SmtpCapture;
  let moduleRef: TestingModule;
  let db: DataSource;
  let outbox: EmailOutbox;
  let processor: EmailSendProcessor;
  const params = { displayName: '山田 太郎', signInLink: { path: '/sign-in', purpose: 'sign-in', ref: 'ref-1' }, expiresInMinutes: 15 };
  const receiptParams = { recipientName: '佐藤 花子', receiptNumber: 'R2026-000009', title: '領収書', titleEn: 'Receipt', amount: '￥3,000', purpose: '2026年度 会費' };
  /** What a worker killed after the server's 250 but before SENT leaves (or one whose line dropped after the final dot). */
  const leaveInDoubt = (id: string, claimedAgo = '1 hour') =>
    db.query(`UPDATE email_messages SET status = 'SENDING', sent_at = NULL, claimed_at = now() - $2::interval WHERE id = $1`, [id, claimedAgo]);
  const arrivedAt = (to: string) => capture.messages.filter((m) => m.envelope.to.includes(to));

  beforeAll(async () => {
    database = await createTestDatabase();
    capture = await startSmtpCapture();
    moduleRef = await Test.createTestingModule({ imports: [CoreModule.forRoot(), NotificationsWorkerModule] })
      .overrideProvider(ENV)
      .useValue({ ...process.env, NODE_ENV: 'test', QUEUE_PREFIX, DATABASE_URL: database.url, SMTP_URL: capture.url, MAIL_FROM: 'no-reply@rentai.example.jp' })
      .compile();
    moduleRef.useLogger(['error']);
    await moduleRef.init();
    db = moduleRef.get(DataSource);
    outbox = moduleRef.get(EmailOutbox);
    processor = moduleRef.get(EmailSendProcessor);
  });
  afterAll(async () => {
    await moduleRef?.close();
    await capture?.close();
    await database?.drop();
  });

  it('writes the rendered e-mail and its job in the caller transaction; the same key twice is one e-mail', async () => {
    const tx = moduleRef.get(TransactionService);
    const [a, b] = await tx.run(async () => [
      await outbox.queue({ idempotencyKey: 'test:1', to: 'yamada@example.jp', template: 'member-sign-in-link', locale: 'ja', params }),
      await outbox.queue({ idempotencyKey: 'test:1', to: 'yamada@example.jp', template: 'member-sign-in-link', locale: 'ja', params }),
    ]);
    expect(b).toBe(a);
    const rows = await db.query(`SELECT subject, status, to_address, params FROM email_messages WHERE idempotency_key = 'test:1'`);
    expect(rows).toEqual([{ subject: '【連帯】会員ポータルへのサインインリンク', status: 'PENDING', to_address: 'yamada@example.jp', params }]);
    const jobs = await db.query(`SELECT job_name, job_id, payload, priority FROM outbox WHERE job_id = $1`, [`email-${a}`]);
    // A sign-in link is waited for: BullMQ's priority 0, before every bulk e-mail in the queue.
    expect(jobs).toEqual([{ job_name: 'email.send', job_id: `email-${a}`, payload: { emailId: a }, priority: 0 }]);
    const receipt = await outbox.queue({ idempotencyKey: 'test:bulk', to: 'bulk@example.jp', template: 'receipt-issued', locale: 'ja', params: receiptParams });
    expect(await db.query(`SELECT priority FROM outbox WHERE job_id = $1`, [`email-${receipt}`])).toEqual([{ priority: BULK_EMAIL_PRIORITY }]);
  });

  it('queueMany writes the same rows as queue, each with its job, keeps a given id, and a key queued before keeps its message', async () => {
    const tx = moduleRef.get(TransactionService);
    const single = await outbox.queue({ idempotencyKey: 'many:single', to: 'single@example.jp', template: 'member-sign-in-link', locale: 'en', params });
    const given = '2f0c6a4e-8b1d-4c1e-9a57-3f6a2b9d0c11';
    const ids = await tx.run(() =>
      outbox.queueMany('member-sign-in-link', [
        { id: given, idempotencyKey: 'many:1', to: 'one@example.jp', locale: 'ja', params },
        { idempotencyKey: 'many:2', to: 'two@example.jp', locale: 'en', params },
        { idempotencyKey: 'many:single', to: 'single@example.jp', locale: 'en', params },
      ]),
    );
    expect(ids.get('many:1')).toBe(given);
    expect(ids.get('many:single')).toBe(single);
    expect(ids.size).toBe(3);
    const rows = await db.query(`SELECT idempotency_key, template, locale, to_address, subject, text_body, params, status FROM email_messages WHERE idempotency_key LIKE 'many:%' ORDER BY idempotency_key`);
    const [reference] = await db.query(`SELECT subject, text_body FROM email_messages WHERE id = $1`, [single]);
    expect(rows.map((r: { idempotency_key: string }) => r.idempotency_key)).toEqual(['many:1', 'many:2', 'many:single']);
    expect(rows[0]).toMatchObject({ template: 'member-sign-in-link', locale: 'ja', to_address: 'one@example.jp', subject: '【連帯】会員ポータルへのサインインリンク', params, status: 'PENDING' });
    expect(rows[1]).toMatchObject({ locale: 'en', to_address: 'two@example.jp', subject: reference.subject, text_body: reference.text_body, params });
    const jobs = await db.query(`SELECT job_id, payload FROM outbox WHERE job_id = ANY($1::text[]) ORDER BY job_id`, [[...ids.values()].map((id) => `email-${id}`)]);
    expect(jobs).toEqual([...ids.values()].sort().map((id) => ({ job_id: `email-${id}`, payload: { emailId: id } })));
    // Each job with its template's priority: sign-in links first (0), bulk e-mail (reminders, receipts) after them.
    expect(await db.query(`SELECT DISTINCT priority FROM outbox WHERE job_id = ANY($1::text[])`, [[...ids.values()].map((id) => `email-${id}`)])).toEqual([{ priority: 0 }]);
    const bulk = await tx.run(() => outbox.queueMany('receipt-issued', [{ idempotencyKey: 'many:bulk', to: 'bulk-many@example.jp', locale: 'ja', params: receiptParams }]));
    expect(await db.query(`SELECT priority FROM outbox WHERE job_id = $1`, [`email-${bulk.get('many:bulk')}`])).toEqual([{ priority: BULK_EMAIL_PRIORITY }]);
  });

  it('nothing is queued when the caller transaction rolls back', async () => {
    const tx = moduleRef.get(TransactionService);
    await expect(
      tx.run(async () => {
        await outbox.queue({ idempotencyKey: 'test:rollback', to: 'x@example.jp', template: 'member-sign-in-link', locale: 'en', params });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await db.query(`SELECT id FROM email_messages WHERE idempotency_key = 'test:rollback'`)).toEqual([]);
  });

  it('sends over SMTP once with a Message-ID derived from the idempotency key; a retry of a SENT message sends nothing', async () => {
    const id = await outbox.queue({ idempotencyKey: 'test:2', to: 'suzuki@example.jp', template: 'member-sign-in-link', locale: 'ja', params });
    await expect(processor.send({ emailId: id })).resolves.toBe('sent');
    const mail = await capture.waitFor((m) => m.envelope.to.includes('suzuki@example.jp'));
    expect(mail.messageId).toBe(`<${messageKey('test:2')}@rentai.example.jp>`);
    expect(messageKey('test:2')).toBe(messageKey('test:2'));
    expect(mail.subject).toBe('【連帯】会員ポータルへのサインインリンク');
    expect(mail.text).toContain('山田 太郎 様');
    await expect(processor.send({ emailId: id })).resolves.toBe('skipped');
    expect(capture.messages.filter((m) => m.envelope.to.includes('suzuki@example.jp'))).toHaveLength(1);
    const [row] = await db.query(`SELECT status, attempts, sent_at IS NOT NULL AS sent FROM email_messages WHERE id = $1`, [id]);
    expect(row).toEqual({ status: 'SENT', attempts: 1, sent: true });
  });

  it('the job run concurrently sends one message: one run claims it, the others skip', async () => {
    const id = await outbox.queue({ idempotencyKey: 'test:concurrent', to: 'concurrent@example.jp', template: 'member-sign-in-link', locale: 'en', params });
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => processor.send({ emailId: id })));
    expect(outcomes.sort()).toEqual(['sent', 'skipped', 'skipped', 'skipped', 'skipped']);
    await capture.waitFor((m) => m.envelope.to.includes('concurrent@example.jp'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const arrived = capture.messages.filter((m) => m.envelope.to.includes('concurrent@example.jp'));
    expect(arrived.map((m) => m.messageId)).toEqual([`<${messageKey('test:concurrent')}@rentai.example.jp>`]);
    expect(await db.query(`SELECT status, attempts FROM email_messages WHERE id = $1`, [id])).toEqual([{ status: 'SENT', attempts: 1 }]);
  });

  it('a claim left by a worker killed while sending is not sent again by a retried job (only the in-doubt sweep re-sends it)', async () => {
    const id = await outbox.queue({ idempotencyKey: 'test:killed', to: 'killed@example.jp', template: 'member-sign-in-link', locale: 'en', params });
    // What a worker that claimed the message and died before marking it SENT leaves behind.
    await db.query(`UPDATE email_messages SET status = 'SENDING', claimed_at = now() - interval '1 hour', attempts = 1 WHERE id = $1`, [id]);
    await expect(processor.send({ emailId: id })).resolves.toBe('skipped');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(capture.messages.filter((m) => m.envelope.to.includes('killed@example.jp'))).toEqual([]);
    expect(await db.query(`SELECT status, attempts FROM email_messages WHERE id = $1`, [id])).toEqual([{ status: 'SENDING', attempts: 1 }]);
  });

  it('stores no one-time link: the row has it redacted, the e-mail carries the link made at send time', async () => {
    const id = await outbox.queue({ idempotencyKey: 'test:link', to: 'link@example.jp', template: 'member-sign-in-link', locale: 'en', params });
    const token = moduleRef.get(OneTimeLinks).token('sign-in', 'ref-1');
    await processor.send({ emailId: id });
    const mail = await capture.waitFor((m) => m.envelope.to.includes('link@example.jp'));
    expect(mail.text).toContain(`/sign-in?token=${token}`);
    const [row] = await db.query(`SELECT row_to_json(e)::text AS json, text_body FROM email_messages e WHERE id = $1`, [id]);
    expect(row.json).not.toContain(token);
    expect(row.text_body).toContain('/sign-in?token=[redacted]');
  });

  it('records a failed send for a retry, and marks the message FAILED after the last attempt', async () => {
    const unreachable = await Test.createTestingModule({ imports: [CoreModule.forRoot(), NotificationsWorkerModule] })
      .overrideProvider(ENV)
      .useValue({ ...process.env, NODE_ENV: 'test', QUEUE_PREFIX, DATABASE_URL: database.url, SMTP_URL: 'smtp://127.0.0.1:1' })
      .compile();
    unreachable.useLogger(['error']);
    await unreachable.init();
    try {
      const id = await outbox.queue({ idempotencyKey: 'test:3', to: 'down@example.jp', template: 'member-sign-in-link', locale: 'en', params });
      const failing = unreachable.get(EmailSendProcessor);
      await expect(failing.send({ emailId: id }, { attemptsMade: 0, opts: { attempts: 8 } })).rejects.toThrow();
      expect(await db.query(`SELECT status, attempts, last_error IS NOT NULL AS has_error FROM email_messages WHERE id = $1`, [id])).toEqual([
        { status: 'PENDING', attempts: 1, has_error: true },
      ]);
      await expect(failing.send({ emailId: id }, { attemptsMade: 7, opts: { attempts: 8 } })).rejects.toThrow();
      expect(await db.query(`SELECT status, attempts FROM email_messages WHERE id = $1`, [id])).toEqual([{ status: 'FAILED', attempts: 2 }]);
    } finally {
      await unreachable.close();
    }
  });

  it('an SMTP server that takes the message and drops the line before answering: outcome unknown, kept SENDING, not sent again by the job', async () => {
    // A server that accepts the envelope and the message text, then closes without its final 250.
    let messages = 0;
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      let data = false;
      let buffer = '';
      socket.write('220 drop.example.jp ESMTP\r\n');
      socket.on('data', (chunk) => {
        buffer += chunk.toString('utf8');
        if (data) {
          if (buffer.includes('\r\n.\r\n')) {
            messages++;
            socket.destroy();
          }
          return;
        }
        let end: number;
        while ((end = buffer.indexOf('\r\n')) >= 0) {
          const line = buffer.slice(0, end).toUpperCase();
          buffer = buffer.slice(end + 2);
          if (line.startsWith('EHLO') || line.startsWith('HELO')) socket.write('250 drop.example.jp\r\n');
          else if (line.startsWith('DATA')) {
            data = true;
            socket.write('354 go ahead\r\n');
          } else if (line.startsWith('QUIT')) socket.end('221 bye\r\n');
          else socket.write('250 OK\r\n');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const dropping = await Test.createTestingModule({ imports: [CoreModule.forRoot(), NotificationsWorkerModule] })
      .overrideProvider(ENV)
      .useValue({ ...process.env, NODE_ENV: 'test', QUEUE_PREFIX, DATABASE_URL: database.url, SMTP_URL: `smtp://127.0.0.1:${(server.address() as AddressInfo).port}` })
      .compile();
    dropping.useLogger(false);
    await dropping.init();
    try {
      const id = await outbox.queue({ idempotencyKey: 'test:dropped', to: 'dropped@example.jp', template: 'member-sign-in-link', locale: 'en', params });
      const sender = dropping.get(EmailSendProcessor);
      await expect(sender.send({ emailId: id }, { attemptsMade: 0, opts: { attempts: 8 } })).resolves.toBe('uncertain');
      expect(messages).toBe(1);
      const [row] = await db.query(`SELECT status, attempts, claimed_at IS NOT NULL AS claimed, last_error FROM email_messages WHERE id = $1`, [id]);
      expect(row).toMatchObject({ status: 'SENDING', attempts: 1, claimed: true });
      expect(row.last_error).toMatch(/^outcome unknown: /);
      // The job run again (BullMQ retry, a duplicate): nothing more goes out.
      await expect(sender.send({ emailId: id }, { attemptsMade: 1, opts: { attempts: 8 } })).resolves.toBe('skipped');
      expect(messages).toBe(1);
    } finally {
      await dropping.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  describe('in doubt: sent once more by the recovery sweep, with the same bytes', () => {
    const sweep = () => moduleRef.get(EmailInDoubtSweep).sweep();
    const row = async (id: string) =>
      (await db.query(`SELECT status, attempts, in_doubt_resends, in_doubt_at IS NOT NULL AS in_doubt, content_sha256 FROM email_messages WHERE id = $1`, [id]))[0];
    // The tests above leave messages in doubt (killed, line dropped): a first sweep takes them, so each test below counts its own.
    beforeAll(async () => {
      await sweep();
    });

    it('re-sends a message whose outcome is unknown exactly once: byte-identical (Message-ID, Date, MIME boundaries, attachment), recorded', async () => {
      const id = await outbox.queue({
        idempotencyKey: 'test:in-doubt', to: 'in-doubt@example.jp', template: 'receipt-issued', locale: 'ja', params: receiptParams,
        attachments: [{ filename: 'R2026-000009.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.3 in doubt') }],
      });
      await expect(processor.send({ emailId: id })).resolves.toBe('sent');
      const first = await capture.waitFor((m) => m.envelope.to.includes('in-doubt@example.jp'));
      const sentOnce = await row(id);
      // The 250 came, the worker died before SENT: the message is SENDING, its claim an hour old.
      await leaveInDoubt(id);
      // A claim younger than the delay is not in doubt yet (another message, claimed a minute ago).
      const young = await outbox.queue({ idempotencyKey: 'test:young', to: 'young@example.jp', template: 'receipt-issued', locale: 'en', params: receiptParams });
      await leaveInDoubt(young, '1 minute');
      await expect(sweep()).resolves.toBe(1);
      expect(await row(id)).toMatchObject({ status: 'PENDING', in_doubt_resends: 1, in_doubt: true });
      expect(await row(young)).toMatchObject({ status: 'SENDING', in_doubt_resends: 0, in_doubt: false });
      expect(await db.query(`SELECT job_name, payload, priority FROM outbox WHERE job_id = $1`, [`email-${id}-in-doubt`])).toEqual([
        { job_name: 'email.send', payload: { emailId: id }, priority: BULK_EMAIL_PRIORITY },
      ]);
      await expect(processor.send({ emailId: id })).resolves.toBe('sent');
      await until(() => arrivedAt('in-doubt@example.jp').length === 2);
      const [a, b] = arrivedAt('in-doubt@example.jp');
      expect(a).toBe(first);
      expect(b.raw.equals(a.raw)).toBe(true);
      expect(b.messageId).toBe(`<${messageKey('test:in-doubt')}@rentai.example.jp>`);
      expect(await row(id)).toEqual({ ...sentOnce, attempts: 2, in_doubt_resends: 1, in_doubt: true });
      // In doubt again (killed during its resend): never a third copy.
      await leaveInDoubt(id);
      await expect(sweep()).resolves.toBe(0);
      await expect(processor.send({ emailId: id })).resolves.toBe('skipped');
      expect(await row(id)).toMatchObject({ status: 'SENDING', in_doubt_resends: 1 });
      expect(arrivedAt('in-doubt@example.jp')).toHaveLength(2);
    });

    it('a sign-in link in doubt: its resend goes first (the template’s priority) and carries the same link, byte for byte', async () => {
      const id = await outbox.queue({ idempotencyKey: 'test:link-in-doubt', to: 'link-in-doubt@example.jp', template: 'member-sign-in-link', locale: 'ja', params });
      await expect(processor.send({ emailId: id })).resolves.toBe('sent');
      await leaveInDoubt(id);
      await expect(sweep()).resolves.toBe(1);
      expect(await db.query(`SELECT priority FROM outbox WHERE job_id = $1`, [`email-${id}-in-doubt`])).toEqual([{ priority: 0 }]);
      await expect(processor.send({ emailId: id })).resolves.toBe('sent');
      await until(() => arrivedAt('link-in-doubt@example.jp').length === 2);
      const [a, b] = arrivedAt('link-in-doubt@example.jp');
      expect(a.text).toContain(`/sign-in?token=${moduleRef.get(OneTimeLinks).token('sign-in', 'ref-1')}`);
      expect(b.raw.equals(a.raw)).toBe(true);
    });

    it('withholds an in-doubt resend that would not be byte-identical (its template changed since): kept SENDING, in doubt', async () => {
      const id = await outbox.queue({ idempotencyKey: 'test:changed', to: 'changed@example.jp', template: 'receipt-issued', locale: 'ja', params: receiptParams });
      await leaveInDoubt(id);
      // The transmission in doubt had other bytes (as if rendered by the template before a deploy).
      await db.query(`UPDATE email_messages SET content_sha256 = repeat('0', 64) WHERE id = $1`, [id]);
      await expect(sweep()).resolves.toBe(1);
      await expect(processor.send({ emailId: id })).resolves.toBe('withheld');
      const [after] = await db.query(`SELECT status, claimed_at IS NOT NULL AS claimed, in_doubt_resends, last_error FROM email_messages WHERE id = $1`, [id]);
      expect(after).toMatchObject({ status: 'SENDING', claimed: true, in_doubt_resends: 1 });
      expect(after.last_error).toMatch(/^in-doubt resend withheld/);
      await expect(sweep()).resolves.toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(arrivedAt('changed@example.jp')).toEqual([]);
    });

  });
});

async function until(probe: () => boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
