import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { DatabaseConfig, dataSourceOptions } from '#core';
import { SYSTEM_ACTOR } from '#auth';
import { BranchService } from '#federation';
import { BookService, LedgerPosting } from '#ledger';
import { DuesRecognition, FiscalYearIssuance, RecognitionPolicy } from '#dues';
import { CliModule } from '../apps/cli/src/cli.module.js';
import { migrations } from '../prisma-free-migrations/index.js';
import { fmt, median, type BenchResult } from './bench-result.js';

/**
 * Fiscal-year dues issuance for a whole federation: every membership gets its invoice
 * (numbered gap-free per branch, shares computed in SQL, membership moved to the new
 * period) and, on ACCRUAL, one summary journal entry per branch (and its mirror); on
 * ON_RECEIPT (the default) no entry at all — through the real
 * FiscalYearIssuance service in a Nest application context. Against a plain
 * INSERT … SELECT of the same invoice rows into a copy of the table (same indexes),
 * measured in the same run.
 *
 * DUES_BENCH_MEMBERS (default 1,000,000; BENCH_QUICK=1: 20,000), DUES_BENCH_RUNS (default 1 at
 * a million, where one run takes minutes; 3 below). Each run issues the next fiscal year
 * (2027, 2028, …) over the same memberships: journal entries cannot be deleted, so nothing is reset.
 */
const QUICK = process.env.BENCH_QUICK === '1';
const MEMBERS = Number(process.env.DUES_BENCH_MEMBERS ?? (QUICK ? 20_000 : 1_000_000));
const RUNS = Number(process.env.DUES_BENCH_RUNS ?? (MEMBERS >= 500_000 ? 1 : 3));
const BRANCHES = 20;
const DATABASE = 'rentai_bench_dues';
const FIRST_YEAR = 2027;

function urlOf(database: string): string {
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = `/${database}`;
  return base.toString();
}

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: urlOf('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const log = (line: string) => process.stderr.write(`dues-issuance: ${line}\n`);
const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;

/** Branches (with books and charts) through the federation's service; members and memberships set-based (generate_series). */
async function seed(app: INestApplicationContext, db: pg.Client): Promise<void> {
  for (let b = 1; b <= BRANCHES; b++) {
    const code = `B${String(b).padStart(2, '0')}`;
    await app.get(BranchService).create(SYSTEM_ACTOR, { code, nameJa: `ベンチ支部${b}`, nameEn: `Bench branch ${b}`, prefecture: '東京都', contactEmail: null, contactPhone: null });
  }
  await db.query(`
    INSERT INTO dues_plans (code, name_ja, name_en, member_kind, amount, period_mode, federation_share_kind, federation_share_value)
    VALUES ('IND', '個人会員', 'Individual', 'PERSON', 12000, 'FISCAL_YEAR', 'BASIS_POINTS', 3000),
           ('IND-RED', '個人会員(減額)', 'Individual (reduced)', 'PERSON', 6000, 'FISCAL_YEAR', 'FIXED', 1000)`);
  const started = process.hrtime.bigint();
  // Bench data: member rows only (the members library's persons details are not read by dues).
  await db.query(
    `WITH b AS (SELECT array_agg(id ORDER BY code) AS ids FROM branches)
     INSERT INTO members (kind, member_number, branch_id, joined_on, name, name_kana, email, name_key, kana_key)
     SELECT 'PERSON', 'P' || lpad(g::text, 7, '0'), b.ids[1 + g % $2], DATE '2020-04-01' + (g % 1500),
            '会員 ' || g, 'カイイン', 'bench' || g || '@example.jp', 'カイイン' || g, 'カイイン'
       FROM generate_series(1, $1::int) AS g, b`,
    [MEMBERS, BRANCHES],
  );
  await db.query(
    `INSERT INTO memberships (member_id, branch_id, plan_id, status, joined_on, period_start, period_end, paid_through)
     SELECT m.id, m.branch_id, CASE WHEN m.member_number LIKE '%7' THEN red.id ELSE ind.id END, 'ACTIVE', m.joined_on,
            DATE '2026-04-01', DATE '2027-03-31', DATE '2027-03-31'
       FROM members m, (SELECT id FROM dues_plans WHERE code = 'IND') ind, (SELECT id FROM dues_plans WHERE code = 'IND-RED') red`,
  );
  await db.query('VACUUM ANALYZE');
  log(`${fmt(MEMBERS)} members and memberships in ${fmt(seconds(started), 1)} s`);
}

interface Run {
  policy: RecognitionPolicy;
  fiscalYear: number;
  issued: number;
  seconds: number;
  /** Of which in LedgerPosting.postMany. */
  ledgerSeconds: number;
  peakRssMb: number;
  baselineSeconds: number;
}

/** Times the ledger's share: wraps postMany on the one LedgerPosting instance the dues library uses. */
function timeLedger(app: INestApplicationContext): { seconds: () => number; reset: () => void } {
  const posting = app.get(LedgerPosting);
  const postMany = posting.postMany.bind(posting);
  let total = 0n;
  posting.postMany = async (postings) => {
    const started = process.hrtime.bigint();
    try {
      return await postMany(postings);
    } finally {
      total += process.hrtime.bigint() - started;
    }
  };
  return { seconds: () => Number(total) / 1e9, reset: () => (total = 0n) };
}

async function issueOnce(app: INestApplicationContext, db: pg.Client, fiscalYear: number, ledger: ReturnType<typeof timeLedger>, policy: RecognitionPolicy): Promise<Run> {
  await app.get(DuesRecognition).setFederationPolicy(SYSTEM_ACTOR, policy);
  // A year's run follows a year of autovacuum: the previous run's dead membership versions are not this run's cost.
  await db.query('VACUUM ANALYZE memberships, dues_invoices');
  await db.query('CHECKPOINT');
  ledger.reset();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  let done = 0;
  let lastLogged = 0;
  const started = process.hrtime.bigint();
  const result = await app.get(FiscalYearIssuance).issue(SYSTEM_ACTOR, fiscalYear, {
    onProgress: (n) => {
      done += n;
      if (done - lastLogged >= MEMBERS / 10) {
        lastLogged = done;
        log(`fiscal year ${fiscalYear}: ${fmt(done)} invoices, ${fmt(seconds(started), 0)} s`);
      }
    },
  });
  const elapsed = seconds(started);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  if (result.issued !== MEMBERS) throw new Error(`issued ${result.issued} invoices, expected ${MEMBERS}`);
  const [{ n: entries }] = (await db.query(`SELECT count(*)::int AS n FROM journal_entries WHERE source = 'INVOICE'`)).rows;
  log(`fiscal year ${fiscalYear}: ${fmt(result.issued)} invoices in ${fmt(elapsed, 1)} s (${fmt(entries)} invoice journal entries in all)`);

  // Baseline: the same invoice rows, written by one plain INSERT … SELECT into a copy of the table with the same indexes.
  await db.query(`DROP TABLE IF EXISTS dues_invoices_baseline`);
  await db.query(`CREATE TABLE dues_invoices_baseline (LIKE dues_invoices INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
  await db.query('CHECKPOINT');
  const baselineStarted = process.hrtime.bigint();
  await db.query(`INSERT INTO dues_invoices_baseline SELECT * FROM dues_invoices WHERE fiscal_year = $1`, [fiscalYear]);
  const baselineSeconds = seconds(baselineStarted);
  await db.query(`DROP TABLE dues_invoices_baseline`);
  log(`baseline INSERT … SELECT of the same ${fmt(result.issued)} rows: ${fmt(baselineSeconds, 2)} s`);
  return { policy, fiscalYear, issued: result.issued, seconds: elapsed, ledgerSeconds: ledger.seconds(), peakRssMb: peak / 2 ** 20, baselineSeconds };
}

export async function run(): Promise<BenchResult> {
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${DATABASE}`);
  });
  const url = urlOf(DATABASE);
  const previousUrl = process.env.DATABASE_URL;
  let app: INestApplicationContext | null = null;
  const db = new pg.Client({ connectionString: url });
  try {
    const migrator = new DataSource(dataSourceOptions(Object.assign(new DatabaseConfig(), { url, logging: false }), [], migrations));
    await migrator.initialize();
    await migrator.runMigrations({ transaction: 'each' });
    await migrator.destroy();
    process.env.DATABASE_URL = url;
    process.env.QUEUE_PREFIX = 'bench-dues';
    app = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
    await db.connect();
    await seed(app, db);
    const rssBefore = process.memoryUsage().rss / 2 ** 20;
    const ledger = timeLedger(app);
    const runs: Run[] = [];
    let year = FIRST_YEAR;
    for (const policy of [RecognitionPolicy.ON_RECEIPT, RecognitionPolicy.ACCRUAL]) {
      for (let i = 0; i < RUNS; i++) runs.push(await issueOnce(app, db, year++, ledger, policy));
    }
    return { name: 'Dues: fiscal-year issuance', markdown: report(runs, rssBefore) };
  } finally {
    await db.end().catch(() => undefined);
    await app?.close();
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`));
  }
}

function report(all: Run[], rssBeforeMb: number): string {
  const row = (policy: RecognitionPolicy) => {
    const runs = all.filter((r) => r.policy === policy);
    const issuance = median(runs.map((r) => r.seconds));
    const ledger = median(runs.map((r) => r.ledgerSeconds));
    const baseline = median(runs.map((r) => r.baselineSeconds));
    const ratio = median(runs.map((r) => r.baselineSeconds / r.seconds));
    const peak = Math.max(...runs.map((r) => r.peakRssMb));
    return `| ${policy} | ${fmt(runs.length)} | ${fmt(issuance, 2)} s | ${fmt(ledger, 2)} s | ${fmt(median(runs.map((r) => r.issued / r.seconds)))} | ${fmt(baseline, 2)} s | ${fmt(ratio, 2)}× | ${fmt(peak)} MiB (+${fmt(peak - rssBeforeMb)}) |`;
  };
  return `
Issuing the fiscal-year dues invoices of ${fmt(MEMBERS)} memberships in ${BRANCHES} branches with
\`FiscalYearIssuance.issue\` (the service behind \`issueFiscalYearInvoices\` and \`dues:issue-fiscal-year\`):
per branch one transaction, the counter locked once, one INSERT … SELECT (row_number numbering, shares in
SQL, memberships moved to the new period, the run's totals returned by the same statement). ON_RECEIPT (the
default) posts no entry; ACCRUAL posts ONE summary entry per branch and run and its mirror in the federation
book. Baseline: a plain \`INSERT … SELECT\` of the same invoice rows into a copy of \`dues_invoices\` with the
same indexes, measured after each run. Speed = baseline time / issuance time (the issue asks ≥ 0.3×; before: 0.06×).
Fiscal years ${all[0].fiscalYear}–${all.at(-1)!.fiscalYear} over the same memberships; ${fmt(rssBeforeMb)} MiB RSS before the runs.

| policy | runs | issuance (median) | of which postMany | invoices/s | baseline | speed vs baseline | peak RSS |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${row(RecognitionPolicy.ON_RECEIPT)}
${row(RecognitionPolicy.ACCRUAL)}

Runs: ${all.map((r) => `${r.fiscalYear} ${r.policy}: ${fmt(r.seconds, 2)} s vs ${fmt(r.baselineSeconds, 2)} s`).join('; ')}.
`;
}
