import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { serverUrl } from '../libs/testing/src/test-database.js';

const ROOT = join(import.meta.dirname, '..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Starts an app from its TypeScript sources, as a real process (no build: see support/ts-loader.mjs),
 * with `env` on top of a clean environment (and `args`: a CLI command), and waits for it to exit.
 */
function startApp(app: 'gateway' | 'worker' | 'cli', env: Record<string, string | undefined>, args: string[] = []): Promise<Run> {
  const base = { PATH: process.env.PATH, NODE_ENV: 'development', PORT: '0', WORKER_HEALTH_PORT: '0', PUBLIC_URL: 'http://localhost:3000', QUEUE_PREFIX: 'test-startup', ...env };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', './test/support/ts-loader.mjs', `apps/${app}/src/main.ts`, ...args], {
      cwd: ROOT,
      // An undefined value leaves the variable unset.
      env: Object.fromEntries(Object.entries(base).filter(([, v]) => v !== undefined)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
  });
}

/** A reachable PostgreSQL (the tests' server; no schema needed to get past the connection check). */
const GOOD_DATABASE = serverUrl('postgres');
const GOOD_REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('an unreachable PostgreSQL or Redis stops the gateway and the worker with one sentence', () => {
  it.each(['gateway', 'worker'] as const)('%s: DATABASE_URL pointing at nothing', async (app) => {
    const run = await startApp(app, { DATABASE_URL: 'postgres://postgres@127.0.0.1:5999/x', REDIS_URL: GOOD_REDIS });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Cannot connect to PostgreSQL at 127\.0\.0\.1:5999\/x \(DATABASE_URL\): [^\n]+\.\n$/);
    expect(run.stdout).toBe('');
  }, 60_000);

  it.each(['gateway', 'worker'] as const)('%s: REDIS_URL pointing at nothing', async (app) => {
    const run = await startApp(app, { DATABASE_URL: GOOD_DATABASE, REDIS_URL: 'redis://127.0.0.1:6999' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Cannot connect to Redis at 127\.0\.0\.1:6999 \(REDIS_URL\): [^\n]+\.\n$/);
    expect(run.stdout).toBe('');
  }, 60_000);

  it('a malformed variable is named too', async () => {
    const run = await startApp('gateway', { DATABASE_URL: 'mysql://somewhere/db', REDIS_URL: GOOD_REDIS });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('Configuration error: environment variable DATABASE_URL must be a postgres:// URL (got "mysql://somewhere/db").\n');
  }, 60_000);
});

describe('the published development session secret is refused unless NODE_ENV says development or test', () => {
  it.each([
    ['gateway', undefined],
    ['worker', undefined],
    ['gateway', 'production'],
  ] as const)('%s with NODE_ENV=%s and no SESSION_SECRET', async (app, nodeEnv) => {
    const run = await startApp(app, { NODE_ENV: nodeEnv, DATABASE_URL: GOOD_DATABASE, REDIS_URL: GOOD_REDIS });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `Configuration error: environment variable SESSION_SECRET must be set to a secret of your own (the built-in development secret is accepted only with NODE_ENV=development or test; NODE_ENV is ${nodeEnv ? `"${nodeEnv}"` : 'not set'}).\n`,
    );
    expect(run.stdout).toBe('');
  }, 60_000);
});

describe('the CLI ends a failed start as the apps do', () => {
  it.each([
    ['no NODE_ENV and no SESSION_SECRET', { NODE_ENV: undefined, DATABASE_URL: GOOD_DATABASE, REDIS_URL: GOOD_REDIS }, 'Configuration error: environment variable SESSION_SECRET must be set to a secret of your own (the built-in development secret is accepted only with NODE_ENV=development or test; NODE_ENV is not set).\n'],
    ['DATABASE_URL pointing at nothing', { DATABASE_URL: 'postgres://postgres@127.0.0.1:5999/x', REDIS_URL: GOOD_REDIS }, /^Cannot connect to PostgreSQL at 127\.0\.0\.1:5999\/x \(DATABASE_URL\): [^\n]+\.\n$/],
  ] as const)('renewals:run with %s: its one sentence and exit code 1, at once (not left running)', async (_, env, message) => {
    const run = await startApp('cli', env, ['renewals:run']);
    expect(run.code).toBe(1);
    if (typeof message === 'string') expect(run.stderr).toBe(message);
    else expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  }, 60_000);
});
