import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { loadavg } from 'node:os';
import { getHeapSpaceStatistics, getHeapStatistics, writeHeapSnapshot } from 'node:v8';
import pg from 'pg';
import { Clock, RenewalsConfig } from '#core';
import { SYSTEM_ACTOR } from '#auth';
import { BranchService } from '#federation';
import { LedgerPosting } from '#ledger';
import { MembershipStandingScan, RenewalIssuance } from '#dues';
import { EmailOutbox } from '#notifications';
import { RenewalReminders, RenewalRun } from '#renewals';
import { CliModule } from '../apps/cli/src/cli.module.js';
import { createBenchDatabase } from './support/bench-database.js';
import { fmt, type BenchResult } from './bench-result.js';

/**
 * The daily renewal run (RenewalRun.run, the service behind the `renewals.run` job, `runRenewals`
 * and `renewals:run`) over memberships whose anniversary period ends within the next 30 days: each
 * gets its renewal invoice (numbered gap-free, shares in SQL, membership moved to the new period)
 * (journal entries as the recognition policy says). Every tenth member is a person with an e-mail
 * address, whose reminder is recorded and queued as an e-mail (message row and `email.send` outbox
 * row, set-based); the others are organizations without one (no reminder: nobody would receive it).
 * Against plain INSERT … SELECTs, measured in the same run, of the same invoice rows (baseline 1) and
 * of all the rows the run writes (baseline 2), into copies of their tables with the same indexes.
 *
 * RENEWALS_BENCH_MEMBERS (default 999,999; BENCH_QUICK=1: 20,000). One run: a second run the same
 * day issues nothing (that is the point), so it is timed as the idempotent re-run.
 */
const QUICK = process.env.BENCH_QUICK === '1';
/** Person numbers P0000010…, organization numbers O000001–O900000: a million at most. */
const MEMBERS = Math.min(1_000_000, Number(process.env.RENEWALS_BENCH_MEMBERS ?? (QUICK ? 20_000 : 999_999)));
/** Every PERSON_EVERY-th member is a person with an e-mail address (their reminders are e-mailed). */
const PERSON_EVERY = 10;
const BRANCHES = 20;
/** RENEWALS_BENCH_SEED_ONLY=1: seed, keep the database (RENEWALS_BENCH_DATABASE) and stop, to profile the statements by hand. */
const SEED_ONLY = process.env.RENEWALS_BENCH_SEED_ONLY === '1';
const DATABASE = process.env.RENEWALS_BENCH_DATABASE ?? 'rentai_bench_renewals';
if (!/^rentai_bench_\w+$/.test(DATABASE)) throw new Error('RENEWALS_BENCH_DATABASE must be rentai_bench_<name>');
/**
 * RENEWALS_BENCH_EXPLAIN_MS=<ms>: the plans (EXPLAIN ANALYZE, buffers, trigger times) of the run's statements slower
 * than that go to the PostgreSQL server log (auto_explain on the bench database): to profile, not to time.
 */
const EXPLAIN_MS = process.env.RENEWALS_BENCH_EXPLAIN_MS ? Number(process.env.RENEWALS_BENCH_EXPLAIN_MS) : null;

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
     SELECT CASE WHEN g % $4 = 0 THEN 'PERSON' ELSE 'ORGANIZATION' END,
            CASE WHEN g % $4 = 0 THEN 'P' || lpad(g::text, 7, '0') ELSE 'O' || lpad((g - g / $4)::text, 6, '0') END,
            b.ids[1 + g % $2], ($3::date + (g % 30) + 1 - interval '1 year')::date,
            '会員 ' || g, 'カイイン', CASE WHEN g % $4 = 0 THEN 'member' || g || '@bench.example.jp' END, 'カイイン' || g, 'カイイン'
       FROM generate_series(1, $1::int) AS g, b`,
    [MEMBERS, BRANCHES, today, PERSON_EVERY],
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
function timed<T extends object>(app: INestApplicationContext, type: new (...args: never[]) => T, method: keyof T & string, running?: (on: boolean) => void): () => number {
  const instance = app.get(type) as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const original = instance[method].bind(instance);
  let total = 0n;
  instance[method] = async (...args: unknown[]) => {
    const started = process.hrtime.bigint();
    running?.(true);
    try {
      return await original(...args);
    } finally {
      running?.(false);
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
    if (EXPLAIN_MS !== null) {
      await db.connect();
      for (const [name, value] of [['session_preload_libraries', 'auto_explain'], ['auto_explain.log_min_duration', `${EXPLAIN_MS}ms`], ['auto_explain.log_analyze', 'on'], ['auto_explain.log_buffers', 'on'], ['auto_explain.log_triggers', 'on']]) {
        await db.query(`ALTER DATABASE ${DATABASE} SET ${name} = '${value}'`);
      }
    }
    process.env.QUEUE_PREFIX = 'bench-renewals';
    // The CLI's modules read the configuration: a benchmark is no deployment (the built-in session secret is fine).
    process.env.NODE_ENV ??= 'test';
    app = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
    if (EXPLAIN_MS === null) await db.connect();
    const today = app.get(Clock).today();
    const lanes = app.get(RenewalsConfig).concurrency;
    await seed(app, db, today);
    if (SEED_ONLY) {
      await db.end();
      await app.close();
      log(`seeded ${DATABASE} and kept it (RENEWALS_BENCH_SEED_ONLY): nothing measured, RESULTS.md left as it was`);
      process.exit(0);
    }
    const ledger = timed(app, LedgerPosting, 'postMany');
    // Which step the memory samples fall in: the goal is the reminders' RSS no higher than the invoices'.
    let phase: 'invoices' | 'reminders' | null = null;
    const issuance = timed(app, RenewalIssuance, 'issue', (on) => (phase = on ? 'invoices' : null));
    const reminders = timed(app, RenewalReminders, 'sendDue', (on) => (phase = on ? 'reminders' : null));
    const emails = timed(app, EmailOutbox, 'queueMany');
    const standing = timed(app, MembershipStandingScan, 'run');
    await db.query('CHECKPOINT');
    // With --expose-gc, the seed's garbage collected first: "before" is what the process holds, as "after a full GC" is.
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const heldBefore = gc ? (process.memoryUsage().heapUsed + process.memoryUsage().external) / 2 ** 20 : null;
    const rssBefore = process.memoryUsage().rss / 2 ** 20;
    const loadBefore = fmt(loadavg()[0]!, 1);
    const rss: number[] = [];
    const heap: number[] = [];
    const stepMax = { invoices: { rss: 0, heap: 0, v8: 0 }, reminders: { rss: 0, heap: 0, v8: 0 } };
    /** Which V8 heap space holds the reminders' growth (new, old, large objects …): each space's size at the highest RSS. */
    let spacesAtPeak: { rss: number; spaces: string } = { rss: 0, spaces: '' };
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      rss.push(m.rss / 2 ** 20);
      heap.push((m.heapUsed + m.external) / 2 ** 20);
      if (phase) {
        const max = stepMax[phase];
        max.rss = Math.max(max.rss, m.rss / 2 ** 20);
        max.heap = Math.max(max.heap, (m.heapUsed + m.external) / 2 ** 20);
        // What V8 has taken from the system for the heap (what RSS follows), not only what is live.
        max.v8 = Math.max(max.v8, getHeapStatistics().total_heap_size / 2 ** 20);
        if (phase === 'reminders' && m.rss / 2 ** 20 > spacesAtPeak.rss) {
          const spaces = getHeapSpaceStatistics().filter((sp) => sp.space_size > 2 ** 20);
          spacesAtPeak = { rss: m.rss / 2 ** 20, spaces: spaces.map((sp) => `${sp.space_name.replace(/_space$/, '')} ${fmt(sp.space_size / 2 ** 20)} (used ${fmt(sp.space_used_size / 2 ** 20)})`).join(', ') };
        }
      }
    }, 250);
    const heapBefore = (process.memoryUsage().heapUsed + process.memoryUsage().external) / 2 ** 20;
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
    // Held or garbage? With --expose-gc (NODE_OPTIONS), what is left after a full collection.
    gc?.();
    // RENEWALS_BENCH_HEAP_SNAPSHOT=<file>: what is held after the run, for a heap profiler (to profile, not to time).
    if (process.env.RENEWALS_BENCH_HEAP_SNAPSHOT) log(`heap snapshot: ${writeHeapSnapshot(process.env.RENEWALS_BENCH_HEAP_SNAPSHOT)}`);
    const afterGc = gc ? process.memoryUsage() : null;
    const afterGcText = afterGc
      ? `RSS ${fmt(afterGc.rss / 2 ** 20)} MiB, heap used + external ${fmt((afterGc.heapUsed + afterGc.external) / 2 ** 20)} MiB (before the run, after a full GC: ${fmt(heldBefore!)} MiB)`
      : 'not measured (run with NODE_OPTIONS=--expose-gc)';
    log(`after a full GC: ${afterGcText}`);
    const loadAfter = fmt(loadavg()[0]!, 1);
    if (result.renewalInvoices !== MEMBERS) throw new Error(`issued ${result.renewalInvoices} renewal invoices, expected ${MEMBERS}`);
    log(`run: ${JSON.stringify(result)} in ${fmt(elapsed, 1)} s`);
    const steps = { issuance: issuance(), ledger: ledger(), reminders: reminders(), emails: emails(), standing: standing() };
    const emailsQueued = Number((await db.query(`SELECT count(*) FROM email_messages WHERE template = 'renewal-reminder'`)).rows[0].count);
    log(`steps: ${JSON.stringify(steps)}, ${fmt(emailsQueued)} e-mails queued`);
    const againStarted = process.hrtime.bigint();
    const again = await app.get(RenewalRun).run(SYSTEM_ACTOR);
    const againSeconds = seconds(againStarted);
    if (again.renewalInvoices + again.remindersSent !== 0) throw new Error(`the second run did something: ${JSON.stringify(again)}`);

    // Baselines: plain INSERT … SELECTs of the rows the run wrote, into copies of their tables with the same indexes (no
    // foreign keys or triggers: LIKE copies neither): the invoice rows alone (the baseline of earlier rounds), then every
    // row the run writes — invoices, reminders, e-mail messages and their outbox rows (the `email.send` jobs).
    const written = [
      { table: 'dues_invoices', where: `issued_on = '${today}'` },
      { table: 'renewal_reminders', where: `sent_on = '${today}'` },
      { table: 'email_messages', where: `template = 'renewal-reminder'` },
      { table: 'outbox', where: `job_name = 'email.send'` },
    ];
    const baselines: Record<string, { rows: number; seconds: number }> = {};
    for (const { table, where } of written) {
      await db.query(`CREATE TABLE ${table}_baseline (LIKE ${table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
      await db.query('CHECKPOINT');
      const baselineStarted = process.hrtime.bigint();
      const inserted = await db.query(`INSERT INTO ${table}_baseline SELECT * FROM ${table} WHERE ${where}`);
      baselines[table] = { rows: inserted.rowCount ?? 0, seconds: seconds(baselineStarted) };
    }
    const baseline = baselines.dues_invoices!.seconds;
    const baselineAll = Object.values(baselines).reduce((sum, b) => sum + b.seconds, 0);
    const baselineRows = Object.values(baselines).reduce((sum, b) => sum + b.rows, 0);
    log(`baselines: ${Object.entries(baselines).map(([t, b]) => `${t} ${fmt(b.rows)} rows ${fmt(b.seconds, 2)} s`).join(', ')}; all ${fmt(baselineRows)} rows ${fmt(baselineAll, 2)} s`);
    const at = (samples: number[], q: number, before: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length) - 1)] ?? before;
    const quarters = [0.25, 0.5, 0.75, 1].map((q) => at(rss, q, rssBefore));
    const heapQuarters = [0.25, 0.5, 0.75, 1].map((q) => at(heap, q, heapBefore));
    log(`reminders at their highest RSS: ${spacesAtPeak.spaces}`);
    log(`RSS ${fmt(rssBefore)} → ${quarters.map((q) => fmt(q)).join(' / ')} MiB (max ${fmt(Math.max(...rss))}), heap used + external ${fmt(heapBefore)} → ${heapQuarters.map((q) => fmt(q)).join(' / ')} MiB (max ${fmt(Math.max(...heap))})`);
    const writtenRows = written.map(({ table }) => `${fmt(baselines[table]!.rows)} ${table}`).join(', ');
    const mem = (m: { rss: number; heap: number; v8: number }) => `RSS ${fmt(m.rss)} MiB, heap used + external ${fmt(m.heap)} MiB, V8 heap reserved ${fmt(m.v8)} MiB`;
    return {
      name: `Renewals: the daily run (${fmt(MEMBERS)} memberships)`,
      markdown: `
\`RenewalRun.run\` (the \`renewals.run\` job, \`runRenewals\`, \`renewals:run\`) over ${fmt(MEMBERS)} ACTIVE anniversary memberships
in ${BRANCHES} branches whose period ends within 30 days: one scan lists the due ones (renewal_issuance_due), then per branch and fiscal
year one transaction (${lanes} at once, largest first: \`RENEWAL_CONCURRENCY\`), the counter locked once, one statement that moves the due memberships to their next period
(\`UPDATE … WHERE <still due> RETURNING\`: the move is the lock) and inserts their invoices from what it returns (numbers
by row_number, shares in SQL), the ledger as the dues recognition policy says (on receipt, the default: nothing; on
accrual: one summary entry per branch and run); then the standing scan and the reminders (keyset batches of 50,000 open
invoices, ${lanes === 1 ? 'one at a time' : `up to ${lanes} in flight: the next recorded while one queues its e-mails`}, one INSERT … SELECT … ON CONFLICT DO NOTHING each that works out the reminder due in SQL and records it for
members with an address, returning counts only; the e-mails of those recorded now kept in a temporary table and read
back in chunks of 500, each queued with two statements, message rows and \`email.send\` outbox rows). Every ${PERSON_EVERY}th member is a person with an e-mail address, the others
organizations without one: ${fmt(emailsQueued)} reminders recorded and e-mails queued (not sent: the e-mails' sending rate is its
own section); a reminder nobody can receive is not recorded (libs/renewals/README.md). The memberships table leaves
half of each page free (fillfactor 50, migration 1764000330000), so the move is a HOT update.
Baselines, measured after the run in the same process: plain \`INSERT … SELECT\`s of the rows the run wrote into copies
of their tables with the same indexes (no foreign keys, no triggers): **invoice rows only** (the baseline of earlier
rounds), and **all the rows the run writes** (${writtenRows}; one statement per table, times added).

| measure | value |
| --- | ---: |
| branch transactions and reminder batches at once (\`RENEWAL_CONCURRENCY\`) | ${lanes} |
| renewal invoices issued | ${fmt(result.renewalInvoices)} |
| reminders recorded | ${fmt(result.remindersSent)} |
| reminder e-mails queued (message row and job) | ${fmt(emailsQueued)} |
| the whole run | ${fmt(elapsed, 1)} s |
| of which renewal invoices (\`RenewalIssuance.issue\`) | ${fmt(steps.issuance, 1)} s |
| of which in \`LedgerPosting.postMany\` (inside the invoices) | ${fmt(steps.ledger, 1)} s |
| of which the standing scan (nothing moves here) | ${fmt(steps.standing, 2)} s |
| of which reminders (\`RenewalReminders.sendDue\`) | ${fmt(steps.reminders, 1)} s |
| of which in \`EmailOutbox.queueMany\` (inside the reminders, with rendering) | ${fmt(steps.emails, 1)} s |
| load average (1 min) before / after the run | ${loadBefore} / ${loadAfter} |
| baseline 1: INSERT … SELECT of the invoice rows only | ${fmt(baseline, 2)} s |
| baseline 2: INSERT … SELECTs of all the rows the run writes (${fmt(baselineRows)} rows) | ${fmt(baselineAll, 2)} s |
| speed of the run against baseline 1 (invoice rows only) | **${fmt(baseline / elapsed, 2)}×** |
| speed of the run against baseline 2 (all rows written) | **${fmt(baselineAll / elapsed, 2)}×** |
| speed of the invoice statements without the ledger against baseline 1 | ${fmt(baseline / Math.max(0.001, steps.issuance - steps.ledger), 2)}× |
| the same run again (nothing due: idempotent) | ${fmt(againSeconds, 2)} s |
| RSS of the Node process: before, then at ¼ ½ ¾ and the end of the run | ${fmt(rssBefore)} → ${quarters.map((q) => fmt(q)).join(' / ')} MiB |
| the highest RSS sampled (every 250 ms) | ${fmt(Math.max(...rss))} MiB |
| the highest during the invoices | ${mem(stepMax.invoices)} |
| the highest during the reminders | ${mem(stepMax.reminders)} |
| V8 heap spaces (MiB) at the reminders' highest RSS | ${spacesAtPeak.spaces} |
| after the run and a full garbage collection | ${afterGcText} |
| JS heap used + external: before, then at ¼ ½ ¾ and the end | ${fmt(heapBefore)} → ${heapQuarters.map((q) => fmt(q)).join(' / ')} MiB (max ${fmt(Math.max(...heap))}) |
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
