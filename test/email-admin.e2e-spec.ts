import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { Role } from '#auth';
import { JOBS, QUEUE_CONCURRENCY, TransactionService } from '#core';
import { EmailInDoubtSweep, EmailOutbox } from '#notifications';
import { createBranch, createPerson, startSmtpCapture, type SmtpCapture } from '#testing';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { gql } from './support/gql.js';
import { TestApp } from './support/test-app.js';

const FAILED = gql(`query EmailAdminFailed { failedEmails(first: 10) { edges { node { id toAddress subject status attempts lastError } } pageInfo { hasNextPage } } }`);
const RESEND = gql(`mutation EmailAdminResend($id: ID!) { resendEmail(id: $id) { id status } }`);
const IN_DOUBT = gql(`query EmailAdminInDoubt { inDoubtEmails(first: 10) { edges { node { id toAddress status attempts inDoubtResends inDoubtAt claimedAt } } } }`);
const REQUEST_LINK = gql(`mutation EmailAdminRequestLink($input: RequestSignInLinkInput!) { requestSignInLink(input: $input) }`);

describe('e-mail: attachments and HTML at a real SMTP server; failed and in-doubt e-mails listed for admins, with a resend; sign-in links before bulk e-mail', () => {
  let t: TestApp;
  let capture: SmtpCapture;
  let admin: string;
  /** A branch and a member of it: who is refused must hold their role somewhere real. */
  let branchId: string;
  let memberId: string;
  /** Recipients the SMTP server refuses (451, "try later") for as many more attempts as counted here. */
  const refusals = new Map<string, number>();

  beforeAll(async () => {
    capture = await startSmtpCapture({
      refuse: (to) => {
        const left = refusals.get(to) ?? 0;
        if (left <= 0) return null;
        refusals.set(to, left - 1);
        return 451;
      },
    });
    t = await TestApp.start({ worker: true, env: { SMTP_URL: capture.url, MAIL_FROM: 'no-reply@rentai.example.jp' } });
    admin = (await t.signIn(Role.FEDERATION_ADMIN)).token;
    ({ id: branchId } = await createBranch(t.app, { code: 'EML' }));
    ({ id: memberId } = await createPerson(t.app, { branchId }));
  });
  afterAll(async () => {
    await checkThenClose(t, ledgerBalances);
    await capture?.close();
  });

  const queue = (key: string, to: string, locale: 'ja' | 'en' = 'ja') =>
    t.app.get(TransactionService).run(() =>
      t.app.get(EmailOutbox).queue({
        idempotencyKey: key,
        to,
        template: 'receipt-issued',
        locale,
        params: { recipientName: '佐藤 花子', receiptNumber: 'R2026-000009', title: '領収書', titleEn: 'Receipt', amount: '￥3,000', purpose: '2026年度 会費' },
        attachments: [{ filename: 'R2026-000009.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.3 test') }],
      }),
    );

  it('sends text, HTML and the attachment once per idempotency key, in the member’s language', async () => {
    const a = await queue('admin-test:1', 'hanako@example.jp');
    expect(await queue('admin-test:1', 'hanako@example.jp')).toBe(a);
    const mail = await capture.waitFor((m) => m.envelope.to.includes('hanako@example.jp'), 15_000);
    expect(mail.subject).toBe('【連帯】領収書の送付 (R2026-000009)');
    expect(mail.text).toContain('佐藤 花子 様');
    expect(mail.html).toContain('<p>佐藤 花子 様</p>');
    expect(mail.attachments.map((x) => [x.filename, x.contentType, x.content.toString()])).toEqual([['R2026-000009.pdf', 'application/pdf', '%PDF-1.3 test']]);
    await queue('admin-test:en', 'hanako-en@example.jp', 'en');
    expect((await capture.waitFor((m) => m.envelope.to.includes('hanako-en@example.jp'), 15_000)).subject).toBe('[Rentai] Your receipt (R2026-000009)');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(capture.messages.filter((m) => m.envelope.to.includes('hanako@example.jp'))).toHaveLength(1);
  });

  const emailJob = async (emailId: string): Promise<Job> => t.worker!.get<Queue>(getQueueToken('emails'), { strict: false }).getJob(`email-${emailId}`) as Promise<Job>;
  /** The job waiting out its backoff after a refused attempt (`attempts` made so far), then its delay skipped (as if the time had passed). */
  const promoteAfterAttempt = async (emailId: string, attempts: number) => {
    let job!: Job;
    await until(async () => {
      job = await emailJob(emailId);
      return !!job && job.attemptsMade === attempts && (await job.getState()) === 'delayed';
    });
    expect(job.opts).toMatchObject({ attempts: JOBS['email.send'].attempts, backoff: { type: 'exponential', delay: JOBS['email.send'].backoffMs } });
    await job.promote();
  };

  it('a refused send is retried by BullMQ with exponential backoff and arrives once', async () => {
    refusals.set('retry@example.jp', 2);
    const id = await queue('admin-test:retry', 'retry@example.jp');
    await promoteAfterAttempt(id, 1);
    const [between] = await t.db.query(`SELECT status, attempts, last_error FROM email_messages WHERE id = $1`, [id]);
    expect(between.attempts).toBeGreaterThanOrEqual(1);
    expect(between.last_error).toContain('451');
    await promoteAfterAttempt(id, 2);
    await capture.waitFor((m) => m.envelope.to.includes('retry@example.jp'), 15_000);
    await until(async () => (await t.db.query(`SELECT status FROM email_messages WHERE id = $1`, [id]))[0].status === 'SENT');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(capture.messages.filter((m) => m.envelope.to.includes('retry@example.jp'))).toHaveLength(1);
    expect(await t.db.query(`SELECT status, attempts, last_error FROM email_messages WHERE id = $1`, [id])).toEqual([{ status: 'SENT', attempts: 3, last_error: null }]);
  });

  it('refused on every attempt: FAILED after the last, listed for admins, and a resend delivers it once', async () => {
    const attempts = JOBS['email.send'].attempts;
    refusals.set('always@example.jp', attempts);
    const id = await queue('admin-test:always', 'always@example.jp');
    for (let n = 1; n < attempts; n++) await promoteAfterAttempt(id, n);
    await until(async () => (await (await emailJob(id)).getState()) === 'failed');
    expect(await t.db.query(`SELECT status, attempts FROM email_messages WHERE id = $1`, [id])).toEqual([{ status: 'FAILED', attempts }]);
    expect(capture.messages.filter((m) => m.envelope.to.includes('always@example.jp'))).toEqual([]);
    const listed = await t.gql(FAILED, {}, { token: admin });
    expect(listed.data!.failedEmails.edges.map((e) => e.node.id)).toContain(id);
    expect(await t.gql(RESEND, { id }, { token: admin })).toMatchObject({ data: { resendEmail: { id, status: 'PENDING' } } });
    await capture.waitFor((m) => m.envelope.to.includes('always@example.jp'), 15_000);
    await until(async () => (await t.db.query(`SELECT status FROM email_messages WHERE id = $1`, [id]))[0].status === 'SENT');
    expect((await t.gql(FAILED, {}, { token: admin })).data!.failedEmails.edges.map((e) => e.node.id)).not.toContain(id);
    expect(capture.messages.filter((m) => m.envelope.to.includes('always@example.jp'))).toHaveLength(1);
  }, 90_000);

  it('lists permanently failed e-mails for federation admins only, and a resend sends one at most once more', async () => {
    const id = await queue('admin-test:failed', 'failed@example.jp');
    await until(async () => (await t.db.query(`SELECT status FROM email_messages WHERE id = $1`, [id]))[0].status === 'SENT');
    // What the last refused attempt leaves (email-outbox.int-spec covers that transition against a refusing server).
    await t.db.query(`UPDATE email_messages SET status = 'FAILED', sent_at = NULL, attempts = 8, last_error = '550 mailbox unavailable' WHERE id = $1`, [id]);

    const treasurer = await t.signIn(Role.BRANCH_TREASURER, { branchIds: [branchId] });
    expect((await t.gql(FAILED, {}, { token: treasurer.token })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(RESEND, { id }, { token: treasurer.token })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const listed = await t.gql(FAILED, {}, { token: admin });
    expect(listed.data!.failedEmails.edges.map((e) => e.node)).toEqual([
      { id, toAddress: 'failed@example.jp', subject: '【連帯】領収書の送付 (R2026-000009)', status: 'FAILED', attempts: 8, lastError: '550 mailbox unavailable' },
    ]);

    const resent = await t.gql(RESEND, { id }, { token: admin });
    expect(resent.errors).toBeUndefined();
    await until(async () => capture.messages.filter((m) => m.envelope.to.includes('failed@example.jp')).length === 2);
    await until(async () => (await t.db.query(`SELECT status FROM email_messages WHERE id = $1`, [id]))[0].status === 'SENT');
    expect((await t.gql(FAILED, {}, { token: admin })).data!.failedEmails.edges).toEqual([]);
    const again = await t.gql(RESEND, { id }, { token: admin });
    expect(again.errors?.[0].extensions?.reason).toBe('EMAIL_NOT_FAILED');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(capture.messages.filter((m) => m.envelope.to.includes('failed@example.jp'))).toHaveLength(2);
  });

  it('lists e-mails in doubt for federation admins only: SENDING past the in-doubt delay, then re-sent once, byte-identical, by the sweep', async () => {
    const id = await queue('admin-test:in-doubt', 'in-doubt@example.jp');
    await until(async () => (await t.db.query(`SELECT status FROM email_messages WHERE id = $1`, [id]))[0].status === 'SENT');
    const first = await capture.waitFor((m) => m.envelope.to.includes('in-doubt@example.jp'));
    // What a worker killed after the server's 250 (before marking it SENT) leaves: SENDING, claimed an hour ago.
    await t.db.query(`UPDATE email_messages SET status = 'SENDING', sent_at = NULL, claimed_at = now() - interval '1 hour' WHERE id = $1`, [id]);
    // Claimed a minute ago, still within the in-doubt delay (10 minutes): not listed.
    const young = await queue('admin-test:young', 'young@example.jp');
    await until(async () => (await t.db.query(`SELECT status FROM email_messages WHERE id = $1`, [young]))[0].status === 'SENT');
    await t.db.query(`UPDATE email_messages SET status = 'SENDING', sent_at = NULL, claimed_at = now() - interval '1 minute' WHERE id = $1`, [young]);

    for (const role of [Role.BRANCH_ADMIN, Role.BRANCH_TREASURER, Role.GRANT_OFFICER, Role.GRANT_APPROVER, Role.AUDITOR, Role.MEMBER]) {
      const { token } = await t.signIn(role, { branchIds: [branchId], memberId: role === Role.MEMBER ? memberId : undefined });
      expect({ role, code: (await t.gql(IN_DOUBT, {}, { token })).errors?.[0].extensions?.code }).toEqual({ role, code: 'FORBIDDEN' });
    }
    expect((await t.gql(IN_DOUBT, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const listed = await t.gql(IN_DOUBT, {}, { token: admin });
    expect(listed.data!.inDoubtEmails.edges.map((e) => e.node)).toEqual([
      { id, toAddress: 'in-doubt@example.jp', status: 'SENDING', attempts: 1, inDoubtResends: 0, inDoubtAt: null, claimedAt: expect.any(String) },
    ]);

    // The sweep (the worker's scheduler runs it every minute; here at once) sends it once more: the same bytes.
    await t.worker!.get(EmailInDoubtSweep).sweep();
    await until(async () => capture.messages.filter((m) => m.envelope.to.includes('in-doubt@example.jp')).length === 2);
    await until(async () => (await t.db.query(`SELECT status FROM email_messages WHERE id = $1`, [id]))[0].status === 'SENT');
    const copies = capture.messages.filter((m) => m.envelope.to.includes('in-doubt@example.jp'));
    expect(copies[1].raw.equals(first.raw)).toBe(true);
    const after = await t.gql(IN_DOUBT, {}, { token: admin });
    expect(after.data!.inDoubtEmails.edges.map((e) => e.node)).toEqual([
      { id, toAddress: 'in-doubt@example.jp', status: 'SENT', attempts: 2, inDoubtResends: 1, inDoubtAt: expect.any(String), claimedAt: expect.any(String) },
    ]);
    // Once only: a second sweep sends nothing more, the young claim untouched.
    await t.worker!.get(EmailInDoubtSweep).sweep();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(capture.messages.filter((m) => m.envelope.to.includes('in-doubt@example.jp'))).toHaveLength(2);
    expect(await t.db.query(`SELECT status, in_doubt_resends FROM email_messages WHERE id = $1`, [young])).toEqual([{ status: 'SENDING', in_doubt_resends: 0 }]);
    await t.db.query(`UPDATE email_messages SET status = 'SENT', sent_at = now() WHERE id = $1`, [young]);
  });

  it('a sign-in link requested behind pending receipt e-mails arrives before them (BullMQ priority: order of arrival at the server)', async () => {
    const branch = await createBranch(t.app, { code: 'PRI' });
    const member = await createPerson(t.app, { branchId: branch.id, email: 'priority-member@example.jp' });
    const emails = t.worker!.get<Queue>(getQueueToken('emails'), { strict: false });
    const BULK = 3 * QUEUE_CONCURRENCY.emails;
    const bulkTo = (i: number) => `bulk-${i}@example.jp`;
    // Held while they queue up (as behind a run's thousands of receipts and reminders): the receipts first, then the link.
    await emails.pause();
    try {
      for (let i = 0; i < BULK; i++) await queue(`priority-test:${i}`, bulkTo(i));
      expect((await t.gql(REQUEST_LINK, { input: { email: member.email! } }, { ip: '198.51.100.7' })).data).toEqual({ requestSignInLink: true });
      await t.flushOutbox();
      await until(async () => {
        const counts = await emails.getJobCounts('wait', 'prioritized');
        return counts.wait + counts.prioritized === BULK + 1;
      });
    } finally {
      await emails.resume();
    }
    const ours = (m: { envelope: { to: string[] } }) => m.envelope.to.some((to) => to === member.email || /^bulk-\d+@example\.jp$/.test(to));
    await until(async () => capture.messages.filter(ours).length === BULK + 1);
    const order = capture.messages.filter(ours).map((m) => m.envelope.to[0]);
    expect(capture.messages.find((m) => m.envelope.to.includes(member.email!))!.text).toContain('/sign-in?token=');
    // First come first served would put it last (after all BULK); the worker takes QUEUE_CONCURRENCY.emails jobs at a time, the link first of them.
    expect(order.indexOf(member.email!)).toBeLessThan(QUEUE_CONCURRENCY.emails);
  });
});

async function until(probe: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
