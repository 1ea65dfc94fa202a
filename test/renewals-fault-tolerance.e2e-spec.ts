import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { SYSTEM_ACTOR } from '#auth';
import { Clock, Money, OutboxService, QUEUE_CONCURRENCY, SmtpConfig, TransactionService } from '#core';
import { CreateDuesPlanInput, DuesPlanService, DuesRecognition, RecognitionPolicy, MembershipEnrollment, MembershipStatus, PeriodMode, ShareKind, addDays, addMonths, anniversaryPeriod } from '#dues';
import { MemberImport, MemberKind } from '#members';
import { messageKey } from '#notifications';
import { PaymentMethod, PaymentRecording } from '#payments';
import { createBranch, eventually, startSmtpCapture, type SmtpCapture } from '#testing';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { TestApp } from './support/test-app.js';

const ROOT = join(import.meta.dirname, '..');
/** 2,000 in the suite (its e-mails dominate its time); FAULT_TOLERANCE_MEMBERS=10000 runs the issue's figure. */
const MEMBERS = Number(process.env.FAULT_TOLERANCE_MEMBERS ?? 2_000);
const started = Date.now();
const log = (what: string) => process.stderr.write(`[fault tolerance +${((Date.now() - started) / 1000).toFixed(1)}s] ${what}\n`);
const KILLS = 3;
/** Every tenth member pays the renewal invoice once its reminder is recorded (through the payment service, during the run): a dues receipt each. */
const PAYEES = Math.ceil(MEMBERS / 10);
/** The worker's in-doubt delay here (EMAIL_IN_DOUBT_SECONDS): a message still SENDING this long after its claim is re-sent once. */
const IN_DOUBT_SECONDS = 5;

/**
 * The worker as a real process (apps/worker from its TypeScript sources), killed with SIGKILL and
 * started again while it renews 10,000 memberships, sends their reminders, and issues and e-mails
 * the dues receipts of the renewals paid meanwhile.
 */
function startWorker(t: TestApp, smtpUrl: string): Promise<ChildProcess> {
  const env = {
    PATH: process.env.PATH, NODE_ENV: 'test', DATABASE_URL: t.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', QUEUE_PREFIX: t.env.QUEUE_PREFIX,
    SMTP_URL: smtpUrl, WORKER_HEALTH_PORT: '0', HOST: '127.0.0.1', EMAIL_IN_DOUBT_SECONDS: String(IN_DOUBT_SECONDS),
  };
  const child = spawn(process.execPath, ['--conditions=source', '--import', './test/support/ts-loader.mjs', 'apps/worker/src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('Rentai worker: processing queues')) resolve(child);
    });
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.once('exit', (code, signal) => reject(new Error(`worker exited before it was ready (${code ?? signal}): ${err.slice(-2000)}`)));
  });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe(`fault tolerance: ${MEMBERS.toLocaleString('en')} renewals with reminders and receipts while the worker is killed (SIGKILL) and restarted`, () => {
  let t: TestApp;
  let capture: SmtpCapture;
  let worker: ChildProcess | null = null;
  const killedDuring: string[] = [];

  const count = async (sql: string) => Number((await t.db.query(sql))[0].n);
  const enqueueRun = (n: number) =>
    t.app.get(TransactionService).run(() => t.app.get(OutboxService).enqueue('renewals.run', {}, `renewals-run-fault-${n}`));
  const until = (what: string, probe: () => Promise<boolean>, seconds = 600) =>
    eventually(async () => (await probe()) || null, { attempts: seconds * 10, intervalMs: 100 }).catch(() => {
      throw new Error(`timed out waiting for ${what}`);
    });

  /**
   * Members paying while the run goes on: the renewal invoices of the payees whose reminder is recorded
   * (so each membership still gets exactly its one reminder), by bank transfer through the payment
   * service, in small batches, until `share` of the payees have paid. Each payment issues a dues receipt
   * (after commit, in the worker: rendered, stored, e-mailed with its PDF).
   */
  let paid = 0;
  const pay = async (share: number) => {
    const today = t.app.get(Clock).today();
    while (paid < Math.ceil(PAYEES * share)) {
      const due: { invoice_id: string; member_id: string; outstanding: string }[] = await t.db.query(
        `SELECT i.id AS invoice_id, i.member_id, (i.amount - i.paid_amount)::text AS outstanding
           FROM renewal_reminders r JOIN dues_invoices i ON i.id = r.invoice_id JOIN members m ON m.id = i.member_id
          WHERE i.paid_amount < i.amount AND i.voided_at IS NULL AND substring(m.email from '^ft-([0-9]+)@')::int % 10 = 0
          ORDER BY i.id LIMIT $1`,
        [Math.min(25, Math.ceil(PAYEES * share) - paid)],
      );
      if (due.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      await t.app.get(PaymentRecording).recordMany(
        SYSTEM_ACTOR,
        due.map((d) => ({
          memberId: d.member_id, method: PaymentMethod.BANK_TRANSFER, amount: Money.of(BigInt(d.outstanding), 'JPY'), receivedOn: today,
          reference: `振込 ${d.invoice_id.slice(0, 8)}`, allocations: [{ invoiceId: d.invoice_id }], idempotencyKey: `ft-pay-${d.invoice_id}`,
        })),
      );
      paid += due.length;
    }
  };
  const receiptsNow = async () =>
    `${await count(`SELECT count(*)::int AS n FROM receipts`)} receipts issued, ${await count(`SELECT count(*)::int AS n FROM email_messages WHERE template = 'receipt-issued' AND status = 'SENT'`)} e-mailed`;

  beforeAll(async () => {
    capture = await startSmtpCapture();
    t = await TestApp.start({ env: { SMTP_URL: capture.url } });
    const today = t.app.get(Clock).today();
    // Dues on accrual, so the run posts to the ledger too (a summary entry per branch and run).
    await t.app.get(DuesRecognition).setFederationPolicy(SYSTEM_ACTOR, RecognitionPolicy.ACCRUAL);
    await createBranch(t.app, { code: 'TKY', nameJa: '東京支部', nameEn: 'Tokyo' });
    await createBranch(t.app, { code: 'OSK', nameJa: '大阪支部', nameEn: 'Osaka' });
    const plan = await t.app.get(DuesPlanService).create(SYSTEM_ACTOR, Object.assign(new CreateDuesPlanInput(), {
      code: 'IND-ANN', nameJa: '個人会員 (加入日更新)', nameEn: 'Individual (anniversary)', memberKind: MemberKind.PERSON, amount: 6000n,
      periodMode: PeriodMode.ANNIVERSARY, graceDays: 30, federationShareKind: ShareKind.BASIS_POINTS, federationShareValue: 3000n,
    }));
    // Members whose first year ends between 6 days ago and 29 days from now: each is due a renewal
    // invoice and exactly one reminder today (30 or 7 days before, or the day's, at most 6 days late).
    const joinedOn = (i: number) => addMonths(addDays(today, (i % 36) - 6 + 1), -12);
    const header = '会員番号,姓,名,セイ,メイ,メールアドレス,電話番号,郵便番号,住所,支部コード,入会日,状態';
    const rows = Array.from({ length: MEMBERS }, (_, i) => `,山田,太郎${i},ヤマダ,タロウ,ft-${i}@example.jp,,,,${i % 3 === 0 ? 'OSK' : 'TKY'},${joinedOn(i).replaceAll('-', '/')},有効`);
    const report = await t.app.get(MemberImport).importCsv(SYSTEM_ACTOR, Buffer.from([header, ...rows].join('\r\n'), 'utf8'));
    expect(report.imported).toBe(MEMBERS);
    log('members imported');
    const members: { id: string; joined_on: string }[] = await t.db.query(`SELECT id, joined_on::text FROM members ORDER BY id`);
    await t.app.get(MembershipEnrollment).enrollMany(
      SYSTEM_ACTOR,
      members.map((m) => {
        const period = anniversaryPeriod(m.joined_on, 0);
        return { memberId: m.id, planId: plan.id, joinedOn: m.joined_on, status: MembershipStatus.ACTIVE, periodStart: period.start, periodEnd: period.end, paidThrough: period.end };
      }),
    );
    log('memberships enrolled');
  }, 300_000);

  afterAll(async () => {
    if (worker) await kill(worker);
    await checkThenClose(t, ledgerBalances);
    await capture?.close();
  });

  it(`ends with one invoice per membership and period, every reminder and receipt at the SMTP server (a duplicate only an identical in-doubt resend), receipts without gaps, every book balanced (${KILLS} kills)`, async () => {
    const activeQuery = (pattern: string) =>
      count(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query ILIKE '${pattern}' AND pid <> pg_backend_pid()`);
    // 1. Killed inside the renewal-invoice transaction (its INSERT … SELECT or the ledger postings running).
    worker = await startWorker(t, capture.url);
    log('await enqueueRun(1);');
    await enqueueRun(1);
    // At small sizes the step can start and commit between two probes: then the kill lands just after it (reminders next).
    await until(
      'the invoice step running (or just done)',
      async () => (await activeQuery('%dues_invoices%')) + (await activeQuery('%journal_%')) > 0 || (await count(`SELECT count(*)::int AS n FROM dues_invoices`)) > 0,
    );
    log('await kill(worker);');
    await kill(worker);
    killedDuring.push(`invoices (${await count(`SELECT count(*)::int AS n FROM dues_invoices`)} committed)`);
    // 2. Killed while reminders are recorded and queued (some batches committed, their e-mails going out), members paying meanwhile.
    worker = await startWorker(t, capture.url);
    log('await enqueueRun(2);');
    await enqueueRun(2);
    const firstPayments = pay(0.5);
    await until('a third of the reminders recorded', async () => (await count(`SELECT count(*)::int AS n FROM renewal_reminders`)) >= MEMBERS / 3);
    log('await kill(worker);');
    await kill(worker);
    killedDuring.push(`reminders (${await count(`SELECT count(*)::int AS n FROM renewal_reminders`)} recorded; ${paid} paid, ${await receiptsNow()})`);
    // 3. Killed while e-mails are being sent, reminders and receipts among them; the rest of the payers pay meanwhile.
    worker = await startWorker(t, capture.url);
    log('await enqueueRun(3);');
    await enqueueRun(3);
    await firstPayments;
    const morePayments = pay(1);
    await until(
      'half of the e-mails sent, receipts among them',
      async () =>
        (await count(`SELECT count(*)::int AS n FROM email_messages WHERE status = 'SENT'`)) >= MEMBERS / 2 &&
        (await count(`SELECT count(*)::int AS n FROM email_messages WHERE status = 'SENT' AND template = 'receipt-issued'`)) > 0,
    );
    log('await kill(worker);');
    await kill(worker);
    killedDuring.push(`e-mails (${capture.messages.length} delivered; ${paid} paid, ${await receiptsNow()})`);
    // The last start: runs again (as tomorrow's schedule would) and finishes.
    worker = await startWorker(t, capture.url);
    log('await enqueueRun(4);');
    await enqueueRun(4);
    await morePayments;
    const queue = t.app.get<Queue>(getQueueToken('renewals'), { strict: false });
    await until('the last run completed', async () => (await (await queue.getJob('renewals-run-fault-4'))?.getState()) === 'completed');
    log('// E-mail jobs active');
    await until('every receipt issued and queued', async () => (await count(`SELECT count(*)::int AS n FROM receipts WHERE email_id IS NOT NULL`)) === PAYEES);
    // E-mail jobs active when a worker died come back once BullMQ finds them stalled; the messages they had
    // claimed are in doubt and re-sent once by the sweep (after IN_DOUBT_SECONDS): every message ends SENT.
    await until('every e-mail sent', async () => (await count(`SELECT count(*)::int AS n FROM email_messages WHERE status <> 'SENT'`)) === 0);

    log('// Exactly one invoice');
    // Exactly one invoice per membership and period: every membership has its renewal invoice, numbered without gaps.
    expect(await count(`SELECT count(*)::int AS n FROM dues_invoices`)).toBe(MEMBERS);
    expect(await count(`SELECT count(DISTINCT membership_id)::int AS n FROM dues_invoices`)).toBe(MEMBERS);
    expect(await t.db.query(`SELECT branch_id, fiscal_year FROM dues_invoices GROUP BY 1, 2 HAVING max(sequence) <> count(*) OR min(sequence) <> 1`)).toEqual([]);
    expect(await count(`SELECT count(*)::int AS n FROM memberships m WHERE m.period_start <> (SELECT max(i.period_start) FROM dues_invoices i WHERE i.membership_id = m.id)`)).toBe(0);
    // On accrual (set below): one summary entry per branch and run and its mirror, none twice, each for the run's invoices.
    const runs: { key: string; debit: string }[] = await t.db.query(
      `SELECT e.idempotency_key AS key, sum(l.amount) FILTER (WHERE l.side = 'DEBIT')::text AS debit FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id WHERE e.idempotency_key LIKE 'dues-run:renewals:%' GROUP BY 1`,
    );
    expect(runs.reduce((s, r) => s + BigInt(r.debit), 0n)).toBe(7800n * BigInt(MEMBERS)); // ¥6,000 each in the branch books, the federation's 30 % (¥1,800) in its book
    // One reminder per membership (each was due exactly one today; the payers paid after theirs), each with its e-mail.
    expect(await count(`SELECT count(*)::int AS n FROM renewal_reminders`)).toBe(MEMBERS);
    expect(await count(`SELECT count(*)::int AS n FROM renewal_reminders WHERE email_id IS NULL`)).toBe(0);
    // One dues receipt per paid invoice, e-mailed; numbers without gaps or duplicates per book, year and kind, the counters at the last.
    expect(await count(`SELECT count(*)::int AS n FROM dues_invoices WHERE paid_amount = amount`)).toBe(PAYEES);
    expect(await count(`SELECT count(*)::int AS n FROM receipts WHERE kind = 'DUES' AND status = 'ISSUED' AND email_id IS NOT NULL`)).toBe(PAYEES);
    expect(await t.db.query(`SELECT book_id, year, kind FROM receipts GROUP BY 1, 2, 3 HAVING min(sequence) <> 1 OR max(sequence) <> count(*) OR count(DISTINCT sequence) <> count(*)`)).toEqual([]);
    expect(await t.db.query(`SELECT c.book_id FROM receipt_counters c WHERE c.last_sequence <> (SELECT count(*) FROM receipts r WHERE r.book_id = c.book_id AND r.year = c.year AND r.kind = c.kind)`)).toEqual([]);
    expect(await count(`SELECT count(*)::int AS n FROM email_messages`)).toBe(MEMBERS + PAYEES);

    // At the SMTP server: the Message-ID of every reminder and every receipt, and no other.
    const domain = t.app.get(SmtpConfig).from.split('@')[1];
    const keys: { key: string }[] = await t.db.query(
      `SELECT 'renewal-reminder:' || membership_id || ':' || period_start::text || ':' || kind AS key FROM renewal_reminders
        UNION ALL SELECT 'receipt.' || id FROM receipts`,
    );
    const expected = keys.map((k) => `<${messageKey(k.key)}@${domain}>`).sort();
    const copies = new Map<string, (typeof capture.messages)[number][]>();
    for (const m of capture.messages) copies.set(m.messageId, [...(copies.get(m.messageId) ?? []), m]);
    expect([...copies.keys()].sort()).toEqual(expected);
    // A second copy only of a message re-sent once by the in-doubt sweep (its first outcome lost in a kill), byte for byte the first.
    const inDoubt = new Map<string, number>(
      ((await t.db.query(`SELECT idempotency_key, in_doubt_resends FROM email_messages WHERE in_doubt_resends > 0`)) as { idempotency_key: string; in_doubt_resends: number }[]).map(
        (r) => [`<${messageKey(r.idempotency_key)}@${domain}>`, r.in_doubt_resends],
      ),
    );
    const duplicated = [...copies].filter(([, c]) => c.length > 1);
    for (const [messageId, c] of duplicated) {
      expect({ messageId, copies: c.length, identical: c.every((m) => m.raw.equals(c[0].raw)), inDoubtResend: inDoubt.get(messageId) ?? 0 }).toEqual({ messageId, copies: 2, identical: true, inDoubtResend: 1 });
    }
    // Each kill can leave in doubt at most the messages its worker was sending at once.
    expect(inDoubt.size).toBeLessThanOrEqual(KILLS * QUEUE_CONCURRENCY.emails);
    expect(duplicated.length).toBeLessThanOrEqual(inDoubt.size);
    process.stdout.write(
      `fault tolerance (${MEMBERS} members, ${PAYEES} paid): killed during ${killedDuring.join(', ')}; ${capture.messages.length} e-mails arrived for ${expected.length} expected ` +
        `(every one at least once), ${inDoubt.size} in-doubt resends, ${duplicated.length} duplicates (byte-identical), ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
    );
  }, 1_800_000);
});
