import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig, DatabaseConfig, QUIET_BOOT, bootLogging, dataSourceOptions, exitOnStartupError } from '#core';
import { DemoSeed, type DemoAccount } from '#members';
import { CliModule } from '../apps/cli/src/cli.module.js';
import { DEMO_NOT_DEVELOPMENT, demoAccountsTable } from '../apps/cli/src/commands/seed-demo.command.js';
import { allEntities } from '../prisma-free-migrations/entities.js';
import { migrations } from '../prisma-free-migrations/index.js';
import { databaseError, ensureDatabase } from './ensure-database.js';
import { startDevFakeStripe } from './dev-fake-stripe.js';

/**
 * What `npm start` runs after installing and building (scripts/start.sh): creates the database when
 * missing, migrates, seeds the demo data into an empty database (NODE_ENV=development only, the
 * default here), starts the gateway and the worker,
 * waits until both answer /health and prints where they are and how to sign in. Ctrl-C (or SIGTERM)
 * stops both; when one of them stops, the other is stopped too and the exit code is passed on.
 *   node dist/scripts/start.js [all|gateway|worker]
 */

type Part = 'gateway' | 'worker';
const HEALTH_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 2_000;
const STOP_TIMEOUT_MS = 15_000;

const say = (line = '') => process.stdout.write(`${line}\n`);

/** Applies pending migrations; two starts at once (docker-compose) take turns on an advisory lock. */
async function migrate(config: DatabaseConfig): Promise<number> {
  const lock = new pg.Client({ connectionString: config.url });
  const dataSource = new DataSource(dataSourceOptions(config, allEntities, migrations));
  try {
    await lock.connect();
    await lock.query(`SELECT pg_advisory_lock(hashtext('rentai:migrate'))`);
    await dataSource.initialize();
  } catch (error) {
    await lock.end().catch(() => undefined);
    throw databaseError(config, error);
  }
  try {
    return (await dataSource.runMigrations({ transaction: 'each' })).length;
  } finally {
    await dataSource.destroy();
    await lock.end().catch(() => undefined);
  }
}

/** Seeds an empty database; the demo accounts present either way (none in a database that is not a demo). */
async function seedDemoData(): Promise<DemoAccount[]> {
  const context = await NestFactory.createApplicationContext(CliModule, QUIET_BOOT);
  bootLogging(context, ['error']);
  try {
    const seed = context.get(DemoSeed);
    const started = Date.now();
    const result = await seed.run({ ifEmpty: true, onStep: (step) => say(`  seeding ${step}…`) });
    if (result.skipped === 'NOT_DEVELOPMENT') {
      say(`  ${DEMO_NOT_DEVELOPMENT}`);
      return [];
    }
    if (!result.seeded) {
      say('The database has data: demo data not seeded.');
      return seed.accountsInDatabase();
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    say(`Demo data seeded in ${seconds}s: ${result.branches} branches, ${result.organizations} organizational and ${result.persons} individual members.`);
    return result.accounts;
  } finally {
    await context.close();
  }
}

function startPart(part: Part): ChildProcess {
  const script = fileURLToPath(new URL(`../apps/${part}/src/main.js`, import.meta.url));
  return spawn(process.execPath, [script], { stdio: 'inherit', env: process.env });
}

/** Resolves when GET `url` answers 200; rejects after the timeout or when `gone()` says the process has exited. */
async function healthy(url: string, gone: () => boolean): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (gone()) throw new Error(`stopped before ${url} answered`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${url} did not answer within ${HEALTH_TIMEOUT_MS / 1000}s`);
}

function summary(config: AppConfig, parts: Part[], accounts: DemoAccount[]): string {
  const base = config.publicUrl.replace(/\/+$/, '');
  const local = `http://localhost:${config.workerHealthPort}`;
  const lines = ['', '─'.repeat(72), 'Rentai is running / 連帯が起動しました', ''];
  if (parts.includes('gateway')) {
    lines.push(`  GraphQL          ${base}/graphql`);
    if (!config.production) lines.push(`  GraphiQL         ${base}/graphiql`);
    lines.push(`  gateway health   ${base}/health`);
  }
  if (parts.includes('worker')) lines.push(`  worker health    ${local}/health`);
  if (accounts.length > 0) lines.push('', 'Demo sign-in accounts / デモ用アカウント:', demoAccountsTable(accounts));
  if (config.nodeEnv !== 'development') lines.push('', `No demo accounts (NODE_ENV=${config.nodeEnv}). ${DEMO_NOT_DEVELOPMENT}`);
  lines.push('', 'Stop with Ctrl-C / 停止は Ctrl-C', '─'.repeat(72), '');
  return lines.join('\n');
}

async function main(): Promise<void> {
  const what = process.argv[2] ?? 'all';
  if (!['all', 'gateway', 'worker'].includes(what)) {
    process.stderr.write('Usage: npm start [-- all|gateway|worker]\n');
    process.exit(2);
  }
  const parts: Part[] = what === 'all' ? ['gateway', 'worker'] : [what as Part];
  // `npm start` is the development start (scripts/start.sh sets this too): the built-in session
  // secret and the demo data are accepted only so. A deployment sets NODE_ENV=production itself.
  process.env.NODE_ENV ??= 'development';
  const config = AppConfig.fromEnv(process.env);
  const database = DatabaseConfig.fromEnv(process.env);

  if (await ensureDatabase(database)) say(`Created database ${database.address}.`);
  say('Migrating…');
  const applied = await migrate(database);
  say(applied > 0 ? `  ${applied} migration${applied > 1 ? 's' : ''} applied.` : '  schema up to date.');
  say('Seeding demo data when the database is empty…');
  const accounts = await seedDemoData();

  // Development without Stripe keys: a fake Stripe whose Checkout page a browser can complete.
  const fakeStripe = await startDevFakeStripe(config, process.env);
  say(`Starting ${parts.join(' and ')}…`);
  const children = new Map<Part, ChildProcess>();
  const exits = new Map<Part, number>();
  let stopping = false;
  let finish: (code: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => (finish = resolve));

  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    // Ctrl-C reaches the whole process group: give the processes a moment to stop on their own
    // (a second signal would cut their shutdown short), then ask those still running, then insist.
    const running = () => [...children].filter(([part]) => !exits.has(part)).map(([, child]) => child);
    setTimeout(() => running().forEach((c) => c.kill('SIGTERM')), STOP_GRACE_MS).unref();
    setTimeout(() => running().forEach((c) => c.kill('SIGKILL')), STOP_TIMEOUT_MS).unref();
    const check = () => (running().length === 0 ? finish(code) : setTimeout(check, 100));
    check();
  };
  process.on('SIGINT', () => stop(130));
  process.on('SIGTERM', () => stop(143));

  for (const part of parts) {
    const child = startPart(part);
    children.set(part, child);
    child.once('exit', (code, signal) => {
      exits.set(part, code ?? 1);
      if (!stopping) {
        process.stderr.write(`Rentai ${part} stopped (${signal ?? `exit code ${code}`}); stopping the rest.\n`);
        stop(code || 1);
      }
    });
  }

  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const ports: Record<Part, number> = { gateway: config.port, worker: config.workerHealthPort };
  try {
    await Promise.all(parts.map((part) => healthy(`http://${host}:${ports[part]}/health`, () => exits.has(part) || stopping)));
    say(summary(config, parts, accounts));
    if (fakeStripe) say(fakeStripe.line);
  } catch (error) {
    if (!stopping) {
      process.stderr.write(`Rentai did not start: ${(error as Error).message}.\n`);
      stop(1);
    }
  }
  process.exit(await finished);
}

try {
  await main();
} catch (error) {
  exitOnStartupError(error);
}
