import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { fmt, type BenchResult } from './bench-result.js';
import { benchDatabaseUrl, createBenchDatabase } from './support/bench-database.js';
import { startBareGraphqlProcess, startGatewayProcess, type BenchProcess } from './support/gateway-process.js';
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
/**
 * BENCH_BEFORE_GATEWAY=/work/wt-x/dist/apps/gateway/src/main.js: another build's gateway (e.g. main's, built in a
 * second worktree), started against the same database and measured in the same rounds ("before" rows).
 */
const BEFORE_GATEWAY = process.env.BENCH_BEFORE_GATEWAY;
/** BENCH_MEMBERS_DB=name: the database (default rentai_bench_members); BENCH_KEEP_DB=1 keeps it and reuses its seed. */
const DB_NAME = process.env.BENCH_MEMBERS_DB ?? 'rentai_bench_members';
const KEEP_DB = process.env.BENCH_KEEP_DB === '1';

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
  /** The same page on BENCH_BEFORE_GATEWAY's build, same rounds (when given). */
  before?: LoadResult;
}

const BEFORE_PORT = 3933;

async function measure(dbUrl: string, members: number): Promise<Measured> {
  const env = { DATABASE_URL: dbUrl, QUEUE_PREFIX: 'bench' };
  const gateway = await startGatewayProcess(env, PORT, GATEWAY_NODE_ARGS);
  const beforeGateway = BEFORE_GATEWAY ? await startGatewayProcess(env, BEFORE_PORT, [], BEFORE_GATEWAY) : undefined;
  const bare = await startBareGraphqlProcess(BARE_PORT);
  try {
    const token = await signIn(gateway.url);
    const load = (server: BenchProcess, query: string, auth: string | undefined): LoadOptions => ({
      url: `${server.url}/graphql`,
      body: JSON.stringify({ query }),
      headers: auth ? { authorization: `Bearer ${auth}` } : {},
      connections: CONNECTIONS,
      seconds: SECONDS,
      cpuMs: server.cpuMs,
    });
    const loads: Record<string, LoadOptions> = {
      typename: load(gateway, TYPENAME, undefined),
      bare: load(bare, PAGE, undefined),
      page: load(gateway, PAGE, token),
      search: load(gateway, NAME_SEARCH, token),
    };
    if (beforeGateway) loads.before = load(beforeGateway, PAGE, await signIn(beforeGateway.url));
    const r = await interleavedLoads(loads, ROUNDS);
    for (const [name, result] of Object.entries(r)) if (result.errors > 0) throw new Error(`${name}: ${result.errors} failed requests`);
    process.stderr.write(
      `member-search ${members}: ${JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, [Math.round(v.rps), v.p99ms, Number(v.cpuMsPerRequest.toFixed(3))]])))}\n`,
    );
    return { members, typename: r.typename, bare: r.bare, page: r.page, search: r.search, before: r.before };
  } finally {
    await bare.stop();
    await beforeGateway?.stop();
    await gateway.stop();
  }
}

function rows(m: Measured): string {
  const line = (label: string, r: LoadResult) =>
    `| ${fmt(m.members)} | ${label} | ${fmt(r.rps)} | ${fmt(r.p50ms, 2)} | ${fmt(r.p99ms, 2)} | ${fmt(r.cpuMsPerRequest, 3)} | ${fmt(r.rps / m.bare.rps, 3)} | ${fmt(r.rps / m.typename.rps, 3)} |`;
  return [
    line('bare Fastify + Mercurius, same page shape from memory (baseline)', m.bare),
    line('`{ __typename }` on the gateway', m.typename),
    ...(m.before ? [line('members, page of 50 with branch — before (BENCH_BEFORE_GATEWAY build)', m.before)] : []),
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
    `p99 ${fmt(m.page.p99ms, 1)} ms (target < 50 ms: ${verdict(m.page.p99ms < 50)}).` +
    (m.before ? ` Same rounds, the BENCH_BEFORE_GATEWAY build: ${fmt(m.page.rps / m.before.rps, 2)}× its requests/s, ${fmt(m.page.cpuMsPerRequest / m.before.cpuMsPerRequest, 2)}× its CPU per request.` : '')
  );
}

/** The RESULTS.md section: the preamble, one table of every size measured, the targets, the load. */
export function section(measured: Measured[]): string {
  const issueBefore = (m: Measured) => (m.members < 100_000 ? 197 : 176);
  return `
Built gateway in its own process (NODE_ENV=production), ${CONNECTIONS} keep-alive connections, closed loop from the
benchmark process; each figure is the median of ${ROUNDS} interleaved rounds of ${SECONDS} s after a warm-up (every
load runs once per round, in turn). Signed in as the federation admin (sees every branch). "CPU ms/req" = CPU time
(user + system, /proc/<pid>/stat) the answering process used per request during that round: the figure that survives
a loaded machine. "vs bare" = requests/s relative to a bare Fastify + Mercurius server (own process, started by the
bench) answering the same page shape with 50 members from memory; "vs typename" = relative to \`{ __typename }\` on the
gateway; both in the same run.${measured.length === 1 ? ' Only the 7,017-member size (BENCH_SMALL_ONLY=1).' : ''}

| members | query | requests/s | p50 ms | p99 ms | CPU ms/req | vs bare | vs typename |
| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |
${measured.map(rows).join('\n')}

${measured.map((m) => targets(m, issueBefore(m))).join('\n')}

Load average when the run ended: ${loadavg().map((l) => l.toFixed(1)).join(', ')} on ${cpus().length} cores (the machine is shared).
`;
}

/** A migrated, seeded database: a fresh one, or with BENCH_KEEP_DB=1 the kept one if it is seeded already. */
async function benchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (KEEP_DB) {
    const url = benchDatabaseUrl(DB_NAME);
    const client = new pg.Client({ connectionString: url });
    const seeded = await client.connect().then(
      () => client.query(`SELECT count(*)::int AS n FROM members`).then((r) => r.rows[0].n > 0, () => false),
      () => false,
    );
    await client.end().catch(() => undefined);
    if (seeded) return { url, drop: async () => undefined };
  }
  const db = await createBenchDatabase(DB_NAME);
  seedDemo(db.url);
  return KEEP_DB ? { url: db.url, drop: async () => undefined } : db;
}

async function memberCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(`SELECT count(*)::int AS n FROM members`)).rows[0].n;
  } finally {
    await client.end();
  }
}

export async function run(): Promise<BenchResult> {
  const db = await benchDatabase();
  try {
    const name = 'Member search (GraphQL, 50 per page, with branch)';
    const small = await measure(db.url, await memberCount(db.url));
    if (SMALL_ONLY) return { name, markdown: section([small]) };
    const total = await growTo(db.url, LARGE);
    const large = await measure(db.url, total);
    return { name, markdown: section([small, large]) };
  } finally {
    await db.drop();
  }
}
