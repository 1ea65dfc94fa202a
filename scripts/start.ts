import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig, ConfigError, DatabaseConfig, MailCatcherConfig, QUIET_BOOT, bootLogging, dataSourceOptions, exitOnStartupError } from '#core';
import { DemoFederation } from '#demo';
import type { DemoAccount } from '#members';
import { CliModule } from '../apps/cli/src/cli.module.js';
import { DEMO_NOT_DEVELOPMENT, demoSummary } from '../apps/cli/src/commands/seed-demo.command.js';
import { allEntities } from '../prisma-free-migrations/entities.js';
import { migrations } from '../prisma-free-migrations/index.js';
import { databaseError, dropDatabase, ensureDatabase } from './ensure-database.js';
import type { InboxMessage, MailCatcher } from './mail-catcher.js';
import { startSummary, type Part } from './start-summary.js';
import { startDevFakeStripe } from './dev-fake-stripe.js';

/**
 * What `npm start` runs after installing and building (scripts/start.sh): creates the database when
 * missing, migrates, seeds the demo federation into an empty database (development), starts the
 * development mail catcher when SMTP_URL is not set, starts the gateway and the worker (their output
 * on this terminal and in logs/), waits until both answer /health and prints where they are, how to
 * sign in, stop, read the logs and reset the demo. Ctrl-C (or SIGTERM) stops everything; when one
 * part stops, the others are stopped too and the exit code is passed on.
 *   node dist/scripts/start.js [all|gateway|worker|mail] [--reset]
 * (`mail` runs only the mail catcher: docker-compose's mail service. `--reset` drops the database first.)
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), fileURLToPath(import.meta.url).endsWith('.ts') ? '..' : '../..');
const LOG_DIR = join(ROOT, 'logs');
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
    const seed = context.get(DemoFederation);
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
    say(demoSummary(result, seconds));
    return result.accounts;
  } finally {
    await context.close();
  }
}

/** Runs an app as a child (built, or from its sources when this runs from source: the tour's test), its output here and in logs/<part>.log. */
function startPart(part: Part, env: NodeJS.ProcessEnv): ChildProcess {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  const script = fileURLToPath(new URL(`../apps/${part}/src/main.${ext}`, import.meta.url));
  const child = spawn(process.execPath, [...process.execArgv, script], { stdio: ['ignore', 'pipe', 'pipe'], env });
  const log = createWriteStream(join(LOG_DIR, `${part}.log`), { flags: 'a' });
  child.stdout!.on('data', (chunk: Buffer) => (process.stdout.write(chunk), log.write(chunk)));
  child.stderr!.on('data', (chunk: Buffer) => (process.stderr.write(chunk), log.write(chunk)));
  child.once('close', () => log.end());
  return child;
}

/** The console line for each e-mail the catcher receives, with its links (the sign-in link). */
function announce(m: InboxMessage): void {
  say(`✉  mail to ${m.to}: ${m.subject}`);
  for (const link of m.links) say(`     ${link}`);
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

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const reset = args.includes('--reset');
  const what = args.find((a) => !a.startsWith('--')) ?? 'all';
  if (!['all', 'gateway', 'worker', 'mail'].includes(what) || args.some((a) => a.startsWith('--') && a !== '--reset')) {
    process.stderr.write('Usage: npm start [-- all|gateway|worker|mail] [--reset]\n');
    process.exit(2);
  }
  const parts: Part[] = what === 'all' ? ['gateway', 'worker'] : what === 'mail' ? [] : [what as Part];
  // `npm start` is the development start: the built-in session secret, the demo data and the mail
  // catcher are accepted only so. A deployment sets NODE_ENV=production itself.
  process.env.NODE_ENV ??= 'development';
  const config = AppConfig.fromEnv(process.env);
  const database = DatabaseConfig.fromEnv(process.env);
  const mail = MailCatcherConfig.fromEnv(process.env);
  mkdirSync(LOG_DIR, { recursive: true });

  let catcher: MailCatcher | null = null;
  if (mail.enabled || what === 'mail') {
    // Loaded only here: smtp-server is a development dependency.
    const { startMailCatcher } = await import('./mail-catcher.js');
    catcher = await startMailCatcher({ ...mail, announce }).catch((error: Error) => {
      throw new ConfigError(
        `The development mail catcher cannot listen on ${mail.host}, SMTP port ${mail.smtpPort} (MAIL_CATCHER_SMTP_PORT) and inbox port ${mail.httpPort} (MAIL_CATCHER_PORT): ${error.message}. Set SMTP_URL to send through another mail server.`,
      );
    });
    say(`Mail catcher: SMTP ${catcher.smtpUrl}, inbox ${catcher.inboxUrl}`);
  }
  if (what === 'mail') return waitForever(catcher!);

  if (reset) {
    if (config.production) throw new ConfigError('npm start -- --reset drops the database: refused with NODE_ENV=production.');
    say(`Resetting: dropping ${database.address}…`);
    await dropDatabase(database);
  }
  if (await ensureDatabase(database)) say(`Created database ${database.address}.`);
  say('Migrating…');
  const applied = await migrate(database);
  say(applied > 0 ? `  ${applied} migration${applied > 1 ? 's' : ''} applied.` : '  schema up to date.');
  say('Seeding the demo federation when the database is empty…');
  const accounts = await seedDemoData();
  const env = catcher ? { ...process.env, SMTP_URL: catcher.smtpUrl } : process.env;

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
    const child = startPart(part, env);
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
    const logFiles = parts.map((part) => relative(process.cwd(), join(LOG_DIR, `${part}.log`)) || `${part}.log`);
    say(startSummary({ config, database, parts, accounts, inboxUrl: catcher?.inboxUrl ?? null, logFiles }));
    if (fakeStripe) say(fakeStripe.line);
  } catch (error) {
    if (!stopping) {
      process.stderr.write(`Rentai did not start: ${(error as Error).message}.\n`);
      stop(1);
    }
  }
  const code = await finished;
  await catcher?.close();
  process.exit(code);
}

/** `npm start -- mail`: the catcher alone, until Ctrl-C or SIGTERM. */
async function waitForever(catcher: MailCatcher): Promise<void> {
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await catcher.close();
  process.exit(0);
}

try {
  await main();
} catch (error) {
  exitOnStartupError(error);
}
