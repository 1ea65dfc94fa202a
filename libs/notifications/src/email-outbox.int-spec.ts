import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { CoreModule, ENV, TransactionService } from '#core';
import { EmailOutbox, EmailSendProcessor, NotificationsModule } from '#notifications';
import { createTestDatabase, startSmtpCapture, type SmtpCapture, type TestDatabase } from '#testing';

describe('EmailOutbox and the email.send job', () => {
  let database: TestDatabase;
  let capture: SmtpCapture;
  let moduleRef: TestingModule;
  let db: DataSource;
  let outbox: EmailOutbox;
  let processor: EmailSendProcessor;
  const params = { displayName: '山田 太郎', link: 'https://rentai.example.jp/sign-in?token=t1', expiresInMinutes: 15 };

  beforeAll(async () => {
    database = await createTestDatabase();
    capture = await startSmtpCapture();
    moduleRef = await Test.createTestingModule({ imports: [CoreModule.forRoot(), NotificationsModule] })
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
    const rows = await db.query(`SELECT subject, status, to_address FROM email_messages WHERE idempotency_key = 'test:1'`);
    expect(rows).toEqual([{ subject: '【連帯】会員ポータルへのサインインリンク', status: 'PENDING', to_address: 'yamada@example.jp' }]);
    const jobs = await db.query(`SELECT job_name, job_id, payload FROM outbox WHERE job_id = $1`, [`email-${a}`]);
    expect(jobs).toEqual([{ job_name: 'email.send', job_id: `email-${a}`, payload: { emailId: a } }]);
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

  it('sends over SMTP once with a deterministic Message-ID; a retry of a SENT message sends nothing', async () => {
    const id = await outbox.queue({ idempotencyKey: 'test:2', to: 'suzuki@example.jp', template: 'member-sign-in-link', locale: 'ja', params });
    await expect(processor.send({ emailId: id })).resolves.toBe('sent');
    const mail = await capture.waitFor((m) => m.envelope.to.includes('suzuki@example.jp'));
    expect(mail.messageId).toBe(`<email-${id}@rentai.example.jp>`);
    expect(mail.subject).toBe('【連帯】会員ポータルへのサインインリンク');
    expect(mail.text).toContain('山田 太郎 様');
    await expect(processor.send({ emailId: id })).resolves.toBe('skipped');
    expect(capture.messages.filter((m) => m.envelope.to.includes('suzuki@example.jp'))).toHaveLength(1);
    const [row] = await db.query(`SELECT status, attempts, sent_at IS NOT NULL AS sent FROM email_messages WHERE id = $1`, [id]);
    expect(row).toEqual({ status: 'SENT', attempts: 1, sent: true });
  });

  it('records a failed send for a retry, and marks the message FAILED after the last attempt', async () => {
    const unreachable = await Test.createTestingModule({ imports: [CoreModule.forRoot(), NotificationsModule] })
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
});
