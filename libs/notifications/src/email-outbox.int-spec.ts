import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { CoreModule, ENV, OneTimeLinks, TransactionService } from '#core';
import { EmailOutbox, EmailSendProcessor, NotificationsWorkerModule, messageKey } from '#notifications';
import { createTestDatabase, startSmtpCapture, type SmtpCapture, type TestDatabase } from '#testing';

describe('EmailOutbox and the email.send job', () => {
  let database: TestDatabase;
  let capture: SmtpCapture;
  let moduleRef: TestingModule;
  let db: DataSource;
  let outbox: EmailOutbox;
  let processor: EmailSendProcessor;
  const params = { displayName: '山田 太郎', signInLink: { path: '/sign-in', purpose: 'sign-in', ref: 'ref-1' }, expiresInMinutes: 15 };

  beforeAll(async () => {
    database = await createTestDatabase();
    capture = await startSmtpCapture();
    moduleRef = await Test.createTestingModule({ imports: [CoreModule.forRoot(), NotificationsWorkerModule] })
      .overrideProvider(ENV)
      .useValue({ ...process.env, NODE_ENV: 'test', DATABASE_URL: database.url, SMTP_URL: capture.url, MAIL_FROM: 'no-reply@rentai.example.jp' })
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
    const jobs = await db.query(`SELECT job_name, job_id, payload FROM outbox WHERE job_id = $1`, [`email-${a}`]);
    expect(jobs).toEqual([{ job_name: 'email.send', job_id: `email-${a}`, payload: { emailId: a } }]);
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

  it('a claim left by a worker killed while sending is never sent again by a retried job', async () => {
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
      .useValue({ ...process.env, NODE_ENV: 'test', DATABASE_URL: database.url, SMTP_URL: 'smtp://127.0.0.1:1' })
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

  it('an SMTP server that takes the message and drops the line before answering: outcome unknown, kept SENDING, never sent again', async () => {
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
      .useValue({ ...process.env, NODE_ENV: 'test', DATABASE_URL: database.url, SMTP_URL: `smtp://127.0.0.1:${(server.address() as AddressInfo).port}` })
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
});
