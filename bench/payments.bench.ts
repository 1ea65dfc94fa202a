import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { Money } from '#core';
import { SYSTEM_ACTOR } from '#auth';
import { FiscalYearIssuance } from '#dues';
import { PaymentMethod, PaymentRecording, type RecordPaymentCommand } from '#payments';
import { CliModule } from '../apps/cli/src/cli.module.js';
import { countQueries } from '../libs/testing/src/query-counter.js';
import { fmt, median, type BenchResult } from './bench-result.js';
import { createBenchDatabase } from './support/bench-database.js';
import { benchDatabaseUrl } from './support/bench-database.js';
import { DatabaseCpu } from './support/cpu.js';
import { ChainHeadLockSampler } from './support/lock-sampler.js';
import { startGatewayProcess } from './support/gateway-process.js';
import { loadavg } from 'node:os';

/**
 * Money in: `recordPayment` through the built gateway (its own process) one at a time and with 8
 * concurrent payers, each paying a distinct open ON_RECEIPT invoice in full (so every payment posts
 * in its branch book AND the federation's share in the shared federation book); and the bulk path,
 * `PaymentRecording.recordMany` per 1,000 payments (what a reconciliation confirm calls), in process.
 * Per round also the CPU per payment, which survives a shared machine's load better than payments/s: the
 * gateway process's (/proc/<pid>/stat) and the PostgreSQL backends' of the bench database (their /proc stat,
 * found in pg_stat_activity). Statements per payment counted on the in-process DataSource (record, the bulk
 * path) and through GraphQL: a second gateway with DATABASE_LOGGING=true pays one invoice and its `query:` lines
 * are counted.
 * PAYMENTS_BENCH_SINGLE (default 300 payments per round), PAYMENTS_BENCH_ROUNDS (3), PAYMENTS_BENCH_DB
 * (rentai_bench_payments), PAYMENTS_BENCH_PORT (4391); BENCH_GATEWAY_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof":
 * node flags for the measured gateway. PAYMENTS_BENCH_BASELINE=<another build's apps/gateway/src/main.js> (e.g. main built in a
 * second worktree): that gateway too, on the same database, measured in the same rounds (order alternating per round), and
 * the CPU per payment given against it — a comparison that survives the shared machine's load.
 */
const SINGLE = Number(process.env.PAYMENTS_BENCH_SINGLE ?? 300);
const ROUNDS = Number(process.env.PAYMENTS_BENCH_ROUNDS ?? 3);
const BULK = 1000;
const DB_NAME = process.env.PAYMENTS_BENCH_DB ?? 'rentai_bench_payments';
const PORT = Number(process.env.PAYMENTS_BENCH_PORT ?? 4391);
const GATEWAY_NODE_ARGS = (process.env.BENCH_GATEWAY_NODE_ARGS ?? '').split(' ').filter(Boolean);
const BASELINE = process.env.PAYMENTS_BENCH_BASELINE;
const log = (line: string) => process.stderr.write(`payments: ${line}\n`);

const RECORD = `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`;

function seedDemo(url: string): void {
  const cli = join(import.meta.dirname, '..', 'apps', 'cli', 'src', 'main.js');
  const run = spawnSync(process.execPath, [cli, 'seed:demo'], { env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: url }, stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error('seed:demo failed');
}

interface OpenInvoice {
  id: string;
  memberId: string;
  branchId: string;
  amount: number;
}

/** Members with a membership due an invoice (bench data, set-based), then the fiscal year issued through the service. */
async function invoices(url: string, count: number): Promise<void> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO dues_plans (code, name_ja, name_en, member_kind, amount, period_mode, federation_share_kind, federation_share_value)
       VALUES ('BENCH-IND', '個人会員(ベンチ)', 'Individual (bench)', 'PERSON', 12000, 'FISCAL_YEAR', 'BASIS_POINTS', 3000)`,
    );
    await db.query(
      `WITH b AS (SELECT array_agg(id ORDER BY code) AS ids, count(*)::int AS n FROM branches)
       INSERT INTO members (kind, member_number, branch_id, joined_on, name, name_kana, email, name_key, kana_key)
       SELECT 'PERSON', 'P9' || lpad(g::text, 6, '0'), b.ids[1 + g % b.n], DATE '2024-04-01', '会員 ' || g, 'カイイン', 'payer' || g || '@example.jp', 'カイイン' || g, 'カイイン'
         FROM generate_series(1, $1::int) AS g, b`,
      [count],
    );
    await db.query(
      `INSERT INTO memberships (member_id, branch_id, plan_id, status, joined_on, period_start, period_end, paid_through)
       SELECT m.id, m.branch_id, p.id, 'ACTIVE', m.joined_on, DATE '2025-04-01', DATE '2026-03-31', DATE '2026-03-31'
         FROM members m, (SELECT id FROM dues_plans WHERE code = 'BENCH-IND') p
        WHERE m.member_number LIKE 'P9%'`,
    );
    await db.query('ANALYZE');
  } finally {
    await db.end();
  }
}

async function openInvoices(url: string, limit: number, offset: number): Promise<OpenInvoice[]> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query(
      `SELECT i.id, i.member_id, i.branch_id, i.amount::int AS amount FROM dues_invoices i JOIN members m ON m.id = i.member_id
        WHERE i.status = 'OPEN' AND m.member_number LIKE 'P9%' ORDER BY i.id LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    return rows.map((r) => ({ id: r.id, memberId: r.member_id, branchId: r.branch_id, amount: r.amount }));
  } finally {
    await db.end();
  }
}

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `mutation { signIn(input: { email: "admin@rentai.example.jp", password: "rentai-demo-admin" }) { token } }` }),
  });
  const body = (await res.json()) as { data?: { signIn: { token: string } } };
  if (!body.data) throw new Error(`sign-in failed: ${JSON.stringify(body)}`);
  return body.data.signIn.token;
}

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());

interface Round {
  /** Payments per second. */
  rate: number;
  /** CPU ms per payment: the gateway process, the database's backends. */
  gatewayMs: number;
  databaseMs: number;
  /** The chain-head locks (ChainHeadLockSampler): ms held and ms waited for per payment. */
  holdMs: number;
  waitMs: number;
}

/** Pays these invoices through GraphQL with `concurrency` callers; payments per second and CPU per payment. */
async function measuredRound(gatewayCpuMs: () => number, cpu: DatabaseCpu, locks: ChainHeadLockSampler, pay: () => Promise<number>, count: number): Promise<Round> {
  const gatewayBefore = gatewayCpuMs();
  const databaseBefore = await cpu.sample();
  locks.start();
  const rate = await pay();
  const lock = await locks.stop();
  const gatewayMs = (gatewayCpuMs() - gatewayBefore) / count;
  const databaseMs = DatabaseCpu.between(databaseBefore, await cpu.sample()) / count;
  return { rate, gatewayMs, databaseMs, holdMs: (lock.busy / rate) * 1000, waitMs: (lock.waiters / rate) * 1000 };
}

/** Pays these invoices through GraphQL with `concurrency` callers; returns payments per second. */
async function payThroughGateway(url: string, token: string, list: OpenInvoice[], concurrency: number): Promise<number> {
  let next = 0;
  let failed = 0;
  const started = performance.now();
  const payer = async () => {
    while (next < list.length) {
      const invoice = list[next++];
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: RECORD,
          variables: { input: { memberId: invoice.memberId, method: 'CASH', amount: { amount: invoice.amount, currency: 'JPY' }, receivedOn: today(), allocations: [{ invoiceId: invoice.id }] } },
        }),
      });
      const body = (await res.json()) as { errors?: unknown };
      if (body.errors) {
        failed++;
        if (failed <= 3) log(`error: ${JSON.stringify(body.errors).slice(0, 300)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, payer));
  const seconds = (performance.now() - started) / 1000;
  if (failed > 0) throw new Error(`${failed} of ${list.length} payments failed`);
  return list.length / seconds;
}

export async function run(): Promise<BenchResult> {
  const db = await createBenchDatabase(DB_NAME);
  const need = (BASELINE ? 40 : 20) + SINGLE * ROUNDS * (BASELINE ? 4 : 2) + BULK * ROUNDS + 4; // + the statement-count probes
  try {
    seedDemo(db.url);
    await invoices(db.url, need);
    const previousUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = db.url;
    process.env.QUEUE_PREFIX = 'bench-payments';
    const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
    try {
      const issued = await app.get(FiscalYearIssuance).issue(SYSTEM_ACTOR, 2026);
      log(`${fmt(issued.issued)} ON_RECEIPT invoices issued`);
      if (issued.issued < need) throw new Error(`issued ${issued.issued} invoices, need ${need}`);

      const take = async (n: number) => {
        const list = await openInvoices(db.url, n, 0); // paid ones leave the OPEN set
        if (list.length < n) throw new Error(`only ${list.length} open invoices`);
        return list;
      };
      /** Two open invoices of one branch (a payment of the first makes what is kept per branch known to the second). */
      const twoOfOneBranch = async (): Promise<[OpenInvoice, OpenInvoice]> => {
        const list = await take(200);
        const second = list.find((i) => i !== list[0] && i.branchId === list[0].branchId);
        if (!second) throw new Error('no two open invoices of one branch');
        return [list[0], second];
      };

      const gateway = await startGatewayProcess({ DATABASE_URL: db.url, QUEUE_PREFIX: 'bench-payments' }, PORT, GATEWAY_NODE_ARGS);
      const baseline = BASELINE ? await startGatewayProcess({ DATABASE_URL: db.url, QUEUE_PREFIX: 'bench-payments' }, PORT + 2, [], BASELINE) : null;
      const cpu = await DatabaseCpu.open(benchDatabaseUrl('postgres'), DB_NAME);
      const locks = await ChainHeadLockSampler.open(benchDatabaseUrl('postgres'), DB_NAME);
      const one: Round[] = [];
      const eight: Round[] = [];
      const baseOne: Round[] = [];
      const baseEight: Round[] = [];
      const loads: number[] = [];
      try {
        const token = await signIn(gateway.url);
        const baseToken = baseline ? await signIn(baseline.url) : '';
        await payThroughGateway(gateway.url, token, await take(20), 1); // warm-up
        if (baseline) await payThroughGateway(baseline.url, baseToken, await take(20), 1);
        const show = (x: Round) =>
          `${fmt(x.rate, 1)}/s (gateway ${fmt(x.gatewayMs, 2)} + PostgreSQL ${fmt(x.databaseMs, 2)} CPU ms per payment; chain-head lock held ${fmt(x.holdMs, 2)} ms, waited ${fmt(x.waitMs, 2)} ms)`;
        const measure = async (g: typeof gateway, t: string, ones: Round[], eights: Round[], label: string) => {
          const single = await take(SINGLE);
          ones.push(await measuredRound(g.cpuMs, cpu, locks, () => payThroughGateway(g.url, t, single, 1), SINGLE));
          const many = await take(SINGLE);
          eights.push(await measuredRound(g.cpuMs, cpu, locks, () => payThroughGateway(g.url, t, many, 8), SINGLE));
          log(`${label}: one at a time ${show(ones.at(-1)!)}, 8 payers ${show(eights.at(-1)!)}; load ${fmt(loadavg()[0], 1)}`);
        };
        for (let r = 0; r < ROUNDS; r++) {
          // The baseline first in even rounds, second in odd ones: neither always meets the warmer database.
          if (baseline && r % 2 === 0) await measure(baseline, baseToken, baseOne, baseEight, `round ${r + 1}, baseline`);
          await measure(gateway, token, one, eight, `round ${r + 1}`);
          if (baseline && r % 2 === 1) await measure(baseline, baseToken, baseOne, baseEight, `round ${r + 1}, baseline`);
          loads.push(loadavg()[0]);
        }
      } finally {
        await cpu.close();
        await locks.close();
        await gateway.stop();
        await baseline?.stop();
      }

      // Statements of one payment through GraphQL: a second gateway logging every statement; its second payment is counted
      // (the first, of the same branch, reads what a running gateway keeps: the session's user, the branch's and the federation's
      // books, their charts and closed months).
      const [warmUp, viaGraphql] = await twoOfOneBranch();
      let logged = '';
      const probeGateway = await startGatewayProcess({ DATABASE_URL: db.url, QUEUE_PREFIX: 'bench-payments', DATABASE_LOGGING: 'true' }, PORT + 1, [], undefined, (chunk) => {
        logged += chunk;
      });
      let graphqlStatements: number;
      try {
        const token = await signIn(probeGateway.url);
        await payThroughGateway(probeGateway.url, token, [warmUp], 1);
        await new Promise((r) => setTimeout(r, 200));
        logged = '';
        await payThroughGateway(probeGateway.url, token, [viaGraphql], 1);
        await new Promise((r) => setTimeout(r, 200)); // the after-commit NOTIFY
        const queries = logged.split('\n').filter((line) => /^query( failed)?: /.test(line));
        graphqlStatements = queries.filter((q) => !/^query: (START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SET TRANSACTION)/.test(q)).length;
        log(`one recordPayment through GraphQL: ${queries.length} statements (${graphqlStatements} without transaction control)`);
        for (const q of queries) log(`  ${q.slice(0, 160)}`);
      } finally {
        await probeGateway.stop();
      }

      // Statements of one payment on the single path, in process: the second (as through GraphQL).
      const cash = (i: OpenInvoice): RecordPaymentCommand => ({
        memberId: i.memberId,
        method: PaymentMethod.CASH,
        amount: Money.of(BigInt(i.amount), 'JPY'),
        receivedOn: today(),
        allocations: [{ invoiceId: i.id }],
      });
      const [first, probe] = await twoOfOneBranch();
      await app.get(PaymentRecording).record(SYSTEM_ACTOR, cash(first));
      const single = countQueries(await dataSourceOf(app));
      await app.get(PaymentRecording).record(SYSTEM_ACTOR, cash(probe));
      single.stop();
      const singleStatements = single.work.length;
      log(`one record(): ${singleStatements} statements`);

      const bulkSeconds: number[] = [];
      let statements = 0;
      for (let r = 0; r < ROUNDS; r++) {
        const list = await take(BULK);
        const commands: RecordPaymentCommand[] = list.map((i, k) => ({
          memberId: i.memberId,
          method: PaymentMethod.BANK_STATEMENT,
          amount: Money.of(BigInt(i.amount), 'JPY'),
          receivedOn: today(),
          reference: `BENCH-${r}-${k}`,
          allocations: [{ invoiceId: i.id }],
          idempotencyKey: `bench-line:${r}:${k}`,
        }));
        const counter = countQueries(await dataSourceOf(app));
        const started = performance.now();
        await app.get(PaymentRecording).recordMany(SYSTEM_ACTOR, commands);
        bulkSeconds.push((performance.now() - started) / 1000);
        counter.stop();
        statements = counter.work.length / BULK;
        log(`bulk round ${r + 1}: ${fmt(BULK)} payments in ${fmt(bulkSeconds.at(-1)!, 2)} s, ${fmt(statements, 1)} statements per payment`);
      }
      const m1 = median(one.map((x) => x.rate));
      const m8 = median(eight.map((x) => x.rate));
      const cpuRow = (label: string, rounds: Round[]) =>
        `| ${label} | ${fmt(median(rounds.map((x) => x.rate)), 1)} | ${fmt(median(rounds.map((x) => x.gatewayMs)), 2)} | ${fmt(median(rounds.map((x) => x.databaseMs)), 2)} | ${fmt(median(rounds.map((x) => x.gatewayMs + x.databaseMs)), 2)} | ${fmt(median(rounds.map((x) => x.holdMs)), 2)} | ${fmt(median(rounds.map((x) => x.waitMs)), 2)} |`;
      const bulk = median(bulkSeconds);
      return {
        name: 'Payments: recordPayment and the bulk path',
        markdown: `
Each payment pays one open ON_RECEIPT invoice of 12,000 yen in full (branch book: cash, income, the federation's
share owed; federation book: its mirror — every payment touches the shared federation book). \`recordPayment\`
through the built gateway in its own process, signed in as the federation admin, ${fmt(SINGLE)} payments per
round one at a time and the same with 8 concurrent payers; the bulk path is \`PaymentRecording.recordMany\` with
${fmt(BULK)} BANK_STATEMENT payments in one call, in process. Medians of ${ROUNDS} rounds.

| measure | value | issue's figure before |
| --- | ---: | ---: |
| \`recordPayment\`, one payer | ${fmt(m1, 1)} payments/s | ≈ 40/s |
| \`recordPayment\`, 8 concurrent payers | ${fmt(m8, 1)} payments/s | ≈ 92/s |
| \`recordMany\`, per ${fmt(BULK)} payments | ${fmt(bulk, 2)} s (${fmt(BULK / bulk)} payments/s) | — |
| statements per payment, one \`recordPayment\` through GraphQL, a running gateway's (without transaction control) | ${fmt(graphqlStatements)} | — |
| statements per payment, one \`record\` in process, the same (without transaction control) | ${fmt(singleStatements)} | 26 |
| statements per payment, bulk | ${fmt(statements, 2)} | 11.0 |

CPU per payment (medians of the rounds; the gateway process from /proc/<pid>/stat, PostgreSQL = the bench database's
backends from pg_stat_activity and /proc, background writers not included):

| payers | payments/s | gateway CPU ms | PostgreSQL CPU ms | total CPU ms | chain-head lock held, ms | waited for it, ms |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${cpuRow('one at a time', one)}
${cpuRow('8 concurrent', eight)}

${baselineTable(baseOne, baseEight, one, eight)}
Rounds: one payer ${one.map((x) => fmt(x.rate, 1)).join(', ')}; 8 payers ${eight.map((x) => fmt(x.rate, 1)).join(', ')}${baseEight.length ? ` (baseline ${baseOne.map((x) => fmt(x.rate, 1)).join(', ')}; ${baseEight.map((x) => fmt(x.rate, 1)).join(', ')})` : ''}; bulk ${bulkSeconds.map((x) => fmt(x, 2)).join(', ')} s.
Load average (1 min) after each round: ${loads.map((l) => fmt(l, 1)).join(', ')} on 2 cores (the machine is shared).
`,
      };
    } finally {
      await app.close();
      if (previousUrl === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = previousUrl;
    }
  } finally {
    await db.drop();
  }
}

async function dataSourceOf(app: INestApplicationContext): Promise<DataSource> {
  return app.get(DataSource);
}

/** The baseline gateway's CPU per payment in the same rounds, and this build's against it (medians of the rounds). */
function baselineTable(baseOne: Round[], baseEight: Round[], one: Round[], eight: Round[]): string {
  if (baseOne.length === 0) return '';
  const m = (rounds: Round[], f: (x: Round) => number) => median(rounds.map(f));
  const row = (label: string, base: Round[], mine: Round[]) => {
    const cells = [(x: Round) => x.gatewayMs, (x: Round) => x.databaseMs, (x: Round) => x.gatewayMs + x.databaseMs, (x: Round) => x.holdMs, (x: Round) => x.waitMs].map(
      (f) => `${fmt(m(base, f), 2)} → ${fmt(m(mine, f), 2)} (${m(base, f) > 0 ? `${fmt(m(mine, f) / m(base, f), 2)}×` : '—'})`,
    );
    return `| ${label} | ${fmt(m(base, (x) => x.rate), 1)} → ${fmt(m(mine, (x) => x.rate), 1)} | ${cells.join(' | ')} |`;
  };
  return `
Against the baseline gateway (\`PAYMENTS_BENCH_BASELINE\`, another build) on the same database in the same rounds, order
alternating per round; per payment, baseline → this build (ratio): CPU ms, and the chain-head lock's ms held and waited
for (pg_stat_activity sampled every 2 ms, \`bench/support/lock-sampler.ts\`; Little's law):

| payers | payments/s | gateway CPU ms | PostgreSQL CPU ms | total CPU ms | lock held, ms | lock waited for, ms |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${row('one at a time', baseOne, one)}
${row('8 concurrent', baseEight, eight)}
`;
}
