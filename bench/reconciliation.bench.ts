import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { SYSTEM_ACTOR } from '#auth';
import { nameKeys } from '#core';
import { BankAccounts, LineConfirmation, StatementImport, generateLabelledStatement, parseZenginStatement, transactionDetailsFile } from '#reconciliation';
import { createBranch } from '#testing';
import { CliModule } from '../apps/cli/src/cli.module.js';
import { fmt, median, type BenchResult } from './bench-result.js';
import { createBenchDatabase } from './support/bench-database.js';

/**
 * A bank statement against a branch's open invoices: a Zengin 03 file of RECON_BENCH_LINES lines (default
 * 100,000) made by the labelled generator (names, truncation, member numbers or not, households, short
 * payments, unknown payers, interest) against RECON_BENCH_INVOICES open invoices of one branch (default
 * 1,000,000, inserted set-based), imported and matched end to end by `StatementImport.import` with
 * suggestions only (every line judged and its suggestions stored; no payment recorded). Baseline in the
 * same run: parsing and checking the file alone. Then `LineConfirmation.confirmMany` of 2,000 lines
 * (PaymentRecording.recordMany underneath). Peak memory is the process's RSS, sampled every 50 ms.
 */
const INVOICES = Number(process.env.RECON_BENCH_INVOICES ?? 1_000_000);
const LINES = Number(process.env.RECON_BENCH_LINES ?? 100_000);
const ROUNDS = Number(process.env.RECON_BENCH_ROUNDS ?? 3);
const CONFIRM = 2_000;
const log = (line: string) => process.stderr.write(`reconciliation: ${line}\n`);

async function insertBranchData(url: string, branchId: string, data: ReturnType<typeof generateLabelledStatement>): Promise<void> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const [plan] = (
      await db.query(`INSERT INTO dues_plans (code, name_ja, name_en, member_kind, amount, period_mode, federation_share_kind, federation_share_value)
        VALUES ('BENCH-REC', '個人会員(ベンチ)', 'Individual (bench)', 'PERSON', 12000, 'FISCAL_YEAR', 'BASIS_POINTS', 3000) RETURNING id`)
    ).rows;
    const members = new Map<string, { number: string; kana: string }>();
    for (const i of data.invoices) members.set(i.memberId, { number: i.memberNumber, kana: i.memberKana });
    const list = [...members.values()];
    for (let k = 0; k < list.length; k += 50_000) {
      const chunk = list.slice(k, k + 50_000);
      await db.query(
        `WITH m AS (
           INSERT INTO members (kind, member_number, branch_id, joined_on, name, name_kana, email, name_key, kana_key, payer_key, payer_family)
           SELECT CASE WHEN n LIKE 'O%' THEN 'ORGANIZATION' ELSE 'PERSON' END, n, $1, DATE '2024-04-01', kana, kana, 'b' || lower(n) || '@bench.example.jp', kana, kana, pk, pf
             FROM unnest($2::text[], $3::text[], $5::text[], $6::text[]) AS u(n, kana, pk, pf) RETURNING id, branch_id)
         INSERT INTO memberships (member_id, branch_id, plan_id, status, joined_on, period_start, period_end)
         SELECT id, branch_id, $4, 'ACTIVE', DATE '2024-04-01', DATE '2026-04-01', DATE '2027-03-31' FROM m`,
        [branchId, chunk.map((m) => m.number), chunk.map((m) => m.kana), plan.id, ...payerKeys(chunk.map((m) => m.kana))],
      );
    }
    for (let k = 0; k < data.invoices.length; k += 50_000) {
      const chunk = data.invoices.slice(k, k + 50_000);
      await db.query(
        `INSERT INTO dues_invoices (membership_id, member_id, branch_id, plan_id, fiscal_year, sequence, number, period_start, period_end, issued_on, due_on, amount, federation_share, branch_share, recognition)
         SELECT ms.id, m.id, $1, $2, u.fy, u.seq, u.number, make_date(u.fy, 4, 1), make_date(u.fy + 1, 3, 31), make_date(u.fy, 3, 1), u.due::date, u.amount, u.amount * 3 / 10, u.amount - u.amount * 3 / 10, 'ON_RECEIPT'
           FROM unnest($3::text[], $4::int[], $5::int[], $6::text[], $7::text[], $8::bigint[]) AS u(member_number, fy, seq, number, due, amount)
           JOIN members m ON m.member_number = u.member_number JOIN memberships ms ON ms.member_id = m.id`,
        [branchId, plan.id, chunk.map((i) => i.memberNumber), chunk.map((i) => Number(i.dueOn.slice(0, 4))), chunk.map((_, j) => k + j + 1), chunk.map((i) => i.number), chunk.map((i) => i.dueOn), chunk.map((i) => i.outstanding.toString())],
      );
    }
    // As autovacuum leaves a table at rest (the visibility map lets the key probes read the index alone).
    await db.query('VACUUM ANALYZE members');
    await db.query('VACUUM ANALYZE dues_invoices');
    await db.query('ANALYZE');
  } finally {
    await db.end();
  }
}

/** The payer key columns members' name functions write (member-names.ts), for rows inserted here set-based. */
function payerKeys(kanas: string[]): [string[], string[]] {
  const keys = kanas.map((k) => nameKeys(k));
  return [keys.map((k) => k.key), keys.map((k) => k.family)];
}

/** Runs `work`, sampling the RSS; returns its seconds and the peak. */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; peakRss: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  try {
    const value = await work();
    return { value, seconds: (performance.now() - started) / 1000, peakRss: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

const mib = (bytes: number) => fmt(bytes / 2 ** 20);

export async function run(): Promise<BenchResult> {
  const db = await createBenchDatabase('rentai_bench_reconciliation');
  const previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = db.url;
  process.env.QUEUE_PREFIX = 'bench-reconciliation';
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
  try {
    const branch = await createBranch(app, { code: 'BNCH' });
    const members = Math.round(INVOICES / 1.15);
    const data = generateLabelledStatement(7, { members, lines: LINES * ROUNDS, code: 'BNCH', year: 2026 });
    log(`generated ${fmt(data.invoices.length)} invoices, ${fmt(data.lines.length)} lines`);
    await insertBranchData(db.url, branch.id, data);
    log('invoices inserted');
    const accounts = app.get(BankAccounts);
    const runs: { parse: number; total: number; first: number; peak: number; suggested: number; unmatched: number }[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const account = await accounts.register(SYSTEM_ACTOR, { branchId: branch.id, bankCode: '0001', branchCode: String(100 + r), accountType: '1', accountNumber: '7000001', name: 'ﾚﾝﾀｲ' });
      const lines = data.lines.slice(r * LINES, (r + 1) * LINES).map((l, k) => ({ reference: String(k + 1).padStart(8, '0'), bookedOn: l.bookedOn, direction: 'IN' as const, amount: l.amount, payerName: l.payerName, memo: l.memo, transactionType: l.label.kind === 'INTEREST' ? '18' : '11' }));
      const content = transactionDetailsFile([{ bankCode: '0001', bankName: 'ﾐｽﾞﾎ', branchCode: account.branchCode, branchName: 'ﾍﾞﾝﾁ', accountNumber: '7000001', accountName: 'ﾚﾝﾀｲ', from: '2026-04-01', to: '2026-04-30', opening: 0n, lines }]);
      const parse = await measured(async () => parseZenginStatement(content));
      let first = 0;
      const started = performance.now();
      const imported = await measured(() =>
        app.get(StatementImport).import(SYSTEM_ACTOR, { branchId: branch.id, content, autoConfirm: false }, (stage, done) => {
          if (stage === 'MATCHING' && done === 1 && first === 0) first = (performance.now() - started) / 1000;
        }),
      );
      runs.push({ parse: parse.seconds, total: imported.seconds, first, peak: imported.peakRss, suggested: imported.value.suggested, unmatched: imported.value.unmatched });
      log(`round ${r + 1}: ${fmt(LINES)} lines in ${fmt(imported.seconds, 1)} s (parse alone ${fmt(parse.seconds, 2)} s), first suggestion after ${fmt(first, 1)} s, peak RSS ${mib(imported.peakRss)} MiB`);
    }
    // Confirming: the first CONFIRM suggested lines of the last statement that pay an invoice in full.
    const pg2 = new pg.Client({ connectionString: db.url });
    await pg2.connect();
    const ids = (
      await pg2.query(
        `SELECT id FROM (SELECT DISTINCT ON (suggestions->0->'allocations'->0->>'invoiceId') id FROM reconciliation_lines
          WHERE status = 'SUGGESTED' AND (suggestions->0->>'kind') = 'INVOICES' AND jsonb_array_length(suggestions->0->'allocations') = 1 AND (suggestions->0->>'exact')::boolean
          ORDER BY suggestions->0->'allocations'->0->>'invoiceId', id) d ORDER BY id LIMIT $1`,
        [CONFIRM],
      )
    ).rows.map((r) => r.id as string);
    await pg2.end();
    const confirmed = await measured(() => app.get(LineConfirmation).confirmMany(SYSTEM_ACTOR, ids));
    log(`confirmMany: ${fmt(ids.length)} lines in ${fmt(confirmed.seconds, 2)} s`);

    const total = median(runs.map((x) => x.total));
    const parse = median(runs.map((x) => x.parse));
    const first = median(runs.map((x) => x.first));
    const peak = Math.max(...runs.map((x) => x.peak));
    const last = runs.at(-1)!;
    return {
      name: `Reconciliation: a ${fmt(LINES)}-line statement against ${fmt(data.invoices.length)} open invoices`,
      markdown: `
A Zengin 03 statement of ${fmt(LINES)} lines from the labelled generator (name variants, truncation, member numbers
or not, households paying together, short payments, unknown payers, interest) against ${fmt(data.invoices.length)} open
invoices of one branch, imported and matched end to end by \`StatementImport.import\` (parse and check, store the
lines once by fingerprint; per batch of 2,000 lines, two statements fetching the candidates — members by number, payer
key, cut key and family through the members' indexes, crowded keys counted there, then their open invoices — then the pure matcher judges every
line of the batch and its suggestions are stored; suggestions only, nothing confirmed). Baseline in the same run: parsing and checking the file alone. A new bank account per round
(so every line is new); medians of ${ROUNDS} rounds.

| measure | value |
| --- | ---: |
| import and match, end to end | ${fmt(total, 1)} s (${fmt(LINES / total)} lines/s; target ≤ 30 s) |
| parse and check only (baseline) | ${fmt(parse, 2)} s (import is ${fmt(total / parse, 0)}× the parse) |
| time to the first suggestion | ${fmt(first, 1)} s |
| peak RSS of the process | ${mib(peak)} MiB |
| lines with suggestions / unmatched (last round) | ${fmt(last.suggested)} / ${fmt(last.unmatched)} |
| \`confirmMany\` of ${fmt(ids.length)} lines (recordMany underneath) | ${fmt(confirmed.seconds, 2)} s (${fmt(ids.length / confirmed.seconds)} lines/s) |

Rounds: ${runs.map((x) => `${fmt(x.total, 1)} s`).join(', ')}.
`,
    };
  } finally {
    await app.close();
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
    await db.drop();
  }
}
