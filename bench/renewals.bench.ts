import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import pg from 'pg';
import { Clock } from '#core';
import { SYSTEM_ACTOR } from '#auth';
import { BranchService } from '#federation';
import { LedgerPosting } from '#ledger';
import { RenewalIssuance } from '#dues';
import { RenewalReminders, RenewalRun } from '#renewals';
import { CliModule } from '../apps/cli/src/cli.module.js';
import { createBenchDatabase } from './support/bench-database.js';
import { fmt, type BenchResult } from './bench-result.js';

/**
 * The daily renewal run (RenewalRun.run, the service behind the `renewals.run` job, `runRenewals`
 * and `renewals:run`) over memberships whose anniversary period ends within the next 30 days: each
 * gets its renewal invoice (numbered gap-free, shares in SQL, membership moved to the new period)
 * with its two journal entries, and a reminder row. The members are organizations without an e-mail
 * address (a person must have one), so reminders are recorded but no e-mail is queued: the e-mails'
 * own rate is the receipts benchmark's. Against a plain INSERT … SELECT of the same
 * invoice rows into a copy of dues_invoices (same indexes), measured in the same run.
 *
 * RENEWALS_BENCH_MEMBERS (default 999,999, the most organization numbers; BENCH_QUICK=1: 20,000). One run: a second run the same
 * day issues nothing (that is the point), so it is timed as the idempotent re-run.
 */
const QUICK = process.env.BENCH_QUICK === '1';
/** Organization numbers run O000001–O999999: 999,999 is the million here. */
const MEMBERS = Math.min(999_999, Number(process.env.RENEWALS_BENCH_MEMBERS ?? (QUICK ? 20_000 : 999_999)));
const BRANCHES = 20;
const DATABASE = 'rentai_bench_renewals';

const log = (line: string) => process.stderr.write(`renewals: ${line}\n`);
const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;

/** Branches (with books) through the federation's service; members and memberships set-based (generate_series), ending over the next 30 days. */
async function seed(app: INestApplicationContext, db: pg.Client, today: string): Promise<void> {
  for (let b = 1; b <= BRANCHES; b++) {
    const code = `B${String(b).padStart(2, '0')}`;
    await app.get(BranchService).create(SYSTEM_ACTOR, { code, nameJa: `ベンチ支部${b}`, nameEn: `Bench branch ${b}`, prefecture: '東京都', contactEmail: null, contactPhone: null });
  }
  await db.query(`
    INSERT INTO dues_plans (code, name_ja, name_en, member_kind, amount, period_mode, federation_share_kind, federation_share_value)
    VALUES ('ORG-ANN', '団体会員 (加入日更新)', 'Organization (anniversary)', 'ORGANIZATION', 6000, 'ANNIVERSARY', 'BASIS_POINTS', 3000)`);
  const started = process.hrtime.bigint();
  await db.query(
    `WITH b AS (SELECT array_agg(id ORDER BY code) AS ids FROM branches)
     INSERT INTO members (kind, member_number, branch_id, joined_on, name, name_kana, email, name_key, kana_key)
     SELECT 'ORGANIZATION', 'O' || lpad(g::text, 6, '0'), b.ids[1 + g % $2], ($3::date + (g % 30) + 1 - interval '1 year')::date,
            '会員 ' || g, 'カイイン', NULL, 'カイイン' || g, 'カイイン'
       FROM generate_series(1, $1::int) AS g, b`,
    [MEMBERS, BRANCHES, today],
  );
  await db.query(
    `INSERT INTO memberships (member_id, branch_id, plan_id, status, joined_on, period_start, period_end, paid_through)
     SELECT m.id, m.branch_id, p.id, 'ACTIVE', m.joined_on, m.joined_on, (m.joined_on + interval '1 year' - interval '1 day')::date,
            (m.joined_on + interval '1 year' - interval '1 day')::date
       FROM members m, (SELECT id FROM dues_plans WHERE code = 'ORG-ANN') p`,
  );
  await db.query('VACUUM ANALYZE');
  log(`${fmt(MEMBERS)} members and memberships in ${fmt(seconds(started), 1)} s`);
}

/** Wall time spent in one async method of a provider (wrapped in place). */
function timed<T extends object>(app: INestApplicationContext, type: new (...args: never[]) => T, method: keyof T & string): () => number {
  const instance = app.get(type) as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const original = instance[method].bind(instance);
  let total = 0n;
  instance[method] = async (...args: unknown[]) => {
    const started = process.hrtime.bigint();
    try {
      return await original(...args);
    } finally {
      total += process.hrtime.bigint() - started;
    }
  };
  return () => Number(total) / 1e9;
}

export async function run(): Promise<BenchResult> {
  const database = await createBenchDatabase(DATABASE);
  const previousUrl = process.env.DATABASE_URL;
  let app: INestApplicationContext | null = null;
  const db = new pg.Client({ connectionString: database.url });
  try {
    process.env.DATABASE_URL = database.url;
    process.env.QUEUE_PREFIX = 'bench-renewals';
    // The CLI's modules read the configuration: a benchmark is no deployment (the built-in session secret is fine).
    process.env.NODE_ENV ??= 'test';
    app = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
    await db.connect();
    const today = app.get(Clock).today();
    await seed(app, db, today);
    const ledger = timed(app, LedgerPosting, 'postMany');
    const issuance = timed(app, RenewalIssuance, 'issue');
    const reminders = timed(app, RenewalReminders, 'sendDue');
    await db.query('CHECKPOINT');
    const rssBefore = process.memoryUsage().rss / 2 ** 20;
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(process.memoryUsage().rss / 2 ** 20), 250);
    let done = 0;
    const started = process.hrtime.bigint();
    const result = await app.get(RenewalRun).run(SYSTEM_ACTOR, {
      onProgress: (step, n) => {
        done += n;
        if (done % Math.max(1, Math.floor(MEMBERS / 5)) < n) log(`${step}: ${fmt(done)} done, ${fmt(seconds(started), 0)} s`);
      },
    });
    const elapsed = seconds(started);
    clearInterval(sampler);
    if (result.renewalInvoices !== MEMBERS) throw new Error(`issued ${result.renewalInvoices} renewal invoices, expected ${MEMBERS}`);
    log(`run: ${JSON.stringify(result)} in ${fmt(elapsed, 1)} s`);
    const steps = { issuance: issuance(), ledger: ledger(), reminders: reminders() };
    const againStarted = process.hrtime.bigint();
    const again = await app.get(RenewalRun).run(SYSTEM_ACTOR);
    const againSeconds = seconds(againStarted);
    if (again.renewalInvoices + again.remindersSent !== 0) throw new Error(`the second run did something: ${JSON.stringify(again)}`);

    // Baseline: the same invoice rows, written by one plain INSERT … SELECT into a copy of the table with the same indexes.
    await db.query(`CREATE TABLE dues_invoices_baseline (LIKE dues_invoices INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
    await db.query('CHECKPOINT');
    const baselineStarted = process.hrtime.bigint();
    await db.query(`INSERT INTO dues_invoices_baseline SELECT * FROM dues_invoices WHERE issued_on = $1`, [today]);
    const baseline = seconds(baselineStarted);
    log(`baseline INSERT … SELECT of the same ${fmt(MEMBERS)} rows: ${fmt(baseline, 2)} s`);
    const quarters = [0.25, 0.5, 0.75, 1].map((q) => rss[Math.min(rss.length - 1, Math.floor(q * rss.length) - 1)] ?? rssBefore);
    return {
      name: `Renewals: the daily run (${fmt(MEMBERS)} memberships)`,
      markdown: `
\`RenewalRun.run\` (the \`renewals.run\` job, \`runRenewals\`, \`renewals:run\`) over ${fmt(MEMBERS)} ACTIVE anniversary memberships (organizations)
in ${BRANCHES} branches whose period ends within 30 days: per branch and fiscal year one transaction, the counter
locked once, one INSERT … SELECT (numbers by row_number, shares in SQL, memberships moved to the new period), the
ledger as the dues recognition policy says (on receipt, the default: nothing; on accrual: one summary entry per branch
and run); then the standing scan and
the reminders (keyset batches of 1,000, one INSERT … ON CONFLICT DO NOTHING each; the members have no e-mail address here, so
no e-mail is queued: the e-mails' rate is in the receipts section).
Baseline: a plain \`INSERT … SELECT\` of the same invoice rows into a copy of \`dues_invoices\` with the same indexes.

| measure | value |
| --- | ---: |
| renewal invoices issued | ${fmt(result.renewalInvoices)} |
| reminders recorded | ${fmt(result.remindersSent)} |
| the whole run | ${fmt(elapsed, 1)} s |
| of which renewal invoices (\`RenewalIssuance.issue\`) | ${fmt(steps.issuance, 1)} s |
| of which in \`LedgerPosting.postMany\` (inside the invoices) | ${fmt(steps.ledger, 1)} s |
| of which reminders | ${fmt(steps.reminders, 1)} s |
| baseline INSERT … SELECT of the same rows | ${fmt(baseline, 2)} s |
| speed of the run against the baseline | **${fmt(baseline / elapsed, 2)}×** |
| speed of the invoice statements without the ledger against the baseline | ${fmt(baseline / Math.max(0.001, steps.issuance - steps.ledger), 2)}× |
| the same run again (nothing due: idempotent) | ${fmt(againSeconds, 2)} s |
| RSS of the Node process: before, then at ¼ ½ ¾ and the end of the run | ${fmt(rssBefore)} → ${quarters.map((q) => fmt(q)).join(' / ')} MiB |
`,
    };
  } finally {
    await db.end().catch(() => undefined);
    await app?.close();
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
    await database.drop();
  }
}
