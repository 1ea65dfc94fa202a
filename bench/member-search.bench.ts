import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { fmt, type BenchResult } from './bench-result.js';
import { createBenchDatabase } from './support/bench-database.js';
import { startBareGraphqlProcess, startGatewayProcess } from './support/gateway-process.js';
import { interleavedLoads, type LoadOptions, type LoadResult } from './support/load.js';

/**
 * Member search through GraphQL (a page of 50 with their branch, as a federation admin)
 * at 7,000 and at 1,000,000 members, against two baselines in the same run: `{ __typename }`
 * on the same server, and a bare Fastify + Mercurius server (its own process, started here)
 * answering the same query shape with 50 members from memory. The gateway is the real built
 * one, in its own process. The loads are interleaved round by round.
 */
const PORT = 3931;
const BARE_PORT = 3932;
const CONNECTIONS = 16;
/** BENCH_QUICK=1: a smoke run (short rounds, 50,000 members) to check the benchmark itself. */
const QUICK = process.env.BENCH_QUICK === '1';
const SECONDS = QUICK ? 1 : 5;
const ROUNDS = QUICK ? 1 : 3;
const LARGE = QUICK ? 50_000 : 1_000_000;
/** BENCH_SMALL_ONLY=1: only the 7,000-member measurement (for profiling the read path). */
const SMALL_ONLY = process.env.BENCH_SMALL_ONLY === '1';
/** BENCH_GATEWAY_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof": node flags for the gateway process. */
const GATEWAY_NODE_ARGS = (process.env.BENCH_GATEWAY_NODE_ARGS ?? '').split(' ').filter(Boolean);

const TYPENAME = '{ __typename }';
const PAGE = `{ members(first: 50) { edges { node { memberNumber name nameKana status branch { code nameJa } } } pageInfo { endCursor hasNextPage } } }`;
const NAME_SEARCH = `{ members(first: 50, filter: { name: "ﾔﾏﾀﾞ" }, sort: NAME_KANA) { edges { node { memberNumber name nameKana branch { code } } } pageInfo { endCursor hasNextPage } } }`;

function seedDemo(url: string): void {
  const cli = join(import.meta.dirname, '..', 'apps', 'cli', 'src', 'main.js');
  const run = spawnSync(process.execPath, [cli, 'seed:demo'], { env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: url }, stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error('seed:demo failed');
}

/** Copies the seeded individual members until there are about `target` members (bench data only). */
async function growTo(url: string, target: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const [{ n }] = (await client.query(`SELECT count(*)::int AS n FROM members WHERE kind = 'PERSON'`)).rows;
    const copies = Math.ceil((target - n) / n);
    for (let g = 1; g <= copies; g++) {
      await client.query(
        `WITH src AS (
           SELECT m.*, p.family_name, p.given_name, p.family_name_kana, p.given_name_kana,
                  row_number() OVER (ORDER BY m.member_number) AS rn
             FROM members m JOIN persons p ON p.member_id = m.id WHERE m.kind = 'PERSON' AND m.member_number <= 'P' || lpad($2::text, 7, '0')
         ), gen AS MATERIALIZED (
           SELECT gen_random_uuid() AS new_id, src.* FROM src
         ), ins AS (
           INSERT INTO members (id, kind, member_number, branch_id, status, joined_on, name, name_kana, email, phone, postal_code, address,
                                name_key, alt_name_key, kana_key, alt_kana_key)
           SELECT new_id, 'PERSON', 'P' || lpad(($1::int * $2::int + rn)::text, 7, '0'), branch_id, status, joined_on, name, name_kana,
                  'copy' || $1 || '.' || email, phone, postal_code, address, name_key, alt_name_key, kana_key, alt_kana_key
             FROM gen RETURNING id
         )
         INSERT INTO persons (member_id, family_name, given_name, family_name_kana, given_name_kana)
         SELECT new_id, family_name, given_name, family_name_kana, given_name_kana FROM gen`,
        [g, n],
      );
      if (g % 10 === 0 || g === copies) process.stderr.write(`member-search: ${n * (g + 1)} members\n`);
    }
    await client.query('ANALYZE');
    return (await client.query(`SELECT count(*)::int AS n FROM members`)).rows[0].n;
  } finally {
    await client.end();
  }
}

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `mutation { signIn(input: { email: "admin@rentai.example.jp", password: "rentai-demo-admin" }) { token } }`,
    }),
  });
  const body = (await res.json()) as { data?: { signIn: { token: string } }; errors?: unknown };
  if (!body.data) throw new Error(`sign-in failed: ${JSON.stringify(body.errors)}`);
  return body.data.signIn.token;
}

interface Measured {
  members: number;
  typename: LoadResult;
  bare: LoadResult;
  page: LoadResult;
  search: LoadResult;
}

async function measure(dbUrl: string, members: number): Promise<Measured> {
  const gateway = await startGatewayProcess({ DATABASE_URL: dbUrl, QUEUE_PREFIX: 'bench' }, PORT, GATEWAY_NODE_ARGS);
  const bare = await startBareGraphqlProcess(BARE_PORT);
  try {
    const token = await signIn(gateway.url);
    const load = (base: string, query: string, auth: boolean): LoadOptions => ({
      url: `${base}/graphql`,
      body: JSON.stringify({ query }),
      headers: auth ? { authorization: `Bearer ${token}` } : {},
      connections: CONNECTIONS,
      seconds: SECONDS,
    });
    const r = await interleavedLoads(
      {
        typename: load(gateway.url, TYPENAME, false),
        bare: load(bare.url, PAGE, false),
        page: load(gateway.url, PAGE, true),
        search: load(gateway.url, NAME_SEARCH, true),
      },
      ROUNDS,
    );
    for (const [name, result] of Object.entries(r)) if (result.errors > 0) throw new Error(`${name}: ${result.errors} failed requests`);
    process.stderr.write(`member-search ${members}: ${JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, [Math.round(v.rps), v.p99ms]])))}\n`);
    return { members, ...r };
  } finally {
    await bare.stop();
    await gateway.stop();
  }
}

function rows(m: Measured): string {
  const line = (label: string, r: LoadResult) =>
    `| ${fmt(m.members)} | ${label} | ${fmt(r.rps)} | ${fmt(r.p50ms, 2)} | ${fmt(r.p99ms, 2)} | ${fmt(r.rps / m.bare.rps, 3)} | ${fmt(r.rps / m.typename.rps, 3)} |`;
  return [
    line('bare Fastify + Mercurius, same page shape from memory (baseline)', m.bare),
    line('`{ __typename }` on the gateway', m.typename),
    line('members, page of 50 with branch', m.page),
    line('members, name "ﾔﾏﾀﾞ" by kana, 50', m.search),
  ].join('\n');
}

/** The issue-8 targets for the member page: 5× the figure before (same bench), ½ the bare server, p99 under 50 ms. */
function targets(m: Measured, before: number): string {
  const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
  return (
    `${fmt(m.members)} members, page of 50: ${fmt(m.page.rps / before, 2)}× the ${before} requests/s before (target 5×: ${verdict(m.page.rps >= 5 * before)}), ` +
    `${fmt(m.page.rps / m.bare.rps, 2)}× the bare server (target 0.5×: ${verdict(m.page.rps >= 0.5 * m.bare.rps)}), ` +
    `p99 ${fmt(m.page.p99ms, 1)} ms (target < 50 ms: ${verdict(m.page.p99ms < 50)}).`
  );
}

export async function run(): Promise<BenchResult> {
  const db = await createBenchDatabase('rentai_bench_members');
  try {
    seedDemo(db.url);
    const small = await measure(db.url, 7017);
    if (SMALL_ONLY) return { name: 'Member search (GraphQL, 50 per page, with branch)', markdown: rows(small) };
    const total = await growTo(db.url, LARGE);
    const large = await measure(db.url, total);
    return {
      name: 'Member search (GraphQL, 50 per page, with branch)',
      markdown: `
Built gateway in its own process (NODE_ENV=production), ${CONNECTIONS} keep-alive connections, closed loop from the
benchmark process; each figure is the median of ${ROUNDS} interleaved rounds of ${SECONDS} s after a warm-up (every
load runs once per round, in turn). Signed in as the federation admin (sees every branch). "vs bare" = requests/s
relative to a bare Fastify + Mercurius server (own process, started by the bench) answering the same page shape with
50 members from memory; "vs typename" = relative to \`{ __typename }\` on the gateway; both in the same run.

| members | query | requests/s | p50 ms | p99 ms | vs bare | vs typename |
| ---: | --- | ---: | ---: | ---: | ---: | ---: |
${rows(small)}
${rows(large)}

${targets(small, 197)}
${targets(large, 176)}

Load average when the run ended: ${loadavg().map((l) => l.toFixed(1)).join(', ')} on ${cpus().length} cores (the machine is shared).
`,
    };
  } finally {
    await db.drop();
  }
}
