import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { DatabaseConfig, dataSourceOptions } from '#core';
import { migrations } from '../../../prisma-free-migrations/index.js';

const MIGRATIONS_DIR = join(import.meta.dirname, '../../../prisma-free-migrations');

/** postgres://…/<name> on the server tests use (DATABASE_URL's server, or 127.0.0.1). */
export function serverUrl(database: string): string {
  const base = new URL(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = `/${database}`;
  return base.toString();
}

/** The template's name changes whenever a migration file changes: stale templates are never used. */
export function templateName(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_DIR).sort()) hash.update(file).update(readFileSync(join(MIGRATIONS_DIR, file)));
  return `rentai_tpl_${hash.digest('hex').slice(0, 12)}`;
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Test databases are made for tests only: a commit need not wait for its WAL to reach the disk
 * (what a crash of the database server itself would lose is nothing a test looks at; a killed
 * client, worker or gateway loses nothing either way). About 3.8 ms a commit on this machine's disk.
 */
const TEST_DATABASE_SETTINGS = `SET synchronous_commit = off`;

let templateReady: Promise<string> | undefined;

/** Migrates a template database once (real migrations), reused by every test file until a migration changes. */
export async function ensureTemplateDatabase(): Promise<string> {
  const name = templateName();
  await withAdmin(async (admin) => {
    await admin.query(`SELECT pg_advisory_lock(hashtext('rentai_template'))`);
    try {
      const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
      if (exists.rowCount) return;
      await admin.query(`CREATE DATABASE ${name}_building`);
      await admin.query(`ALTER DATABASE ${name}_building ${TEST_DATABASE_SETTINGS}`);
      const ds = new DataSource(dataSourceOptions(Object.assign(new DatabaseConfig(), { url: serverUrl(`${name}_building`), logging: false }), [], migrations));
      await ds.initialize();
      await ds.runMigrations({ transaction: 'each' });
      await ds.destroy();
      await admin.query(`ALTER DATABASE ${name}_building RENAME TO ${name}`);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name}_building`).catch(() => undefined);
      await admin.query(`SELECT pg_advisory_unlock(hashtext('rentai_template'))`);
    }
  });
  return name;
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * Under Jest the global setup names the run (RENTAI_TEST_RUN, its pid): its databases are named
 * rentai_r<run>_… and dropped together by the global teardown (test/support/global-teardown.mjs). A DROP
 * DATABASE waits for a checkpoint of the whole server (1–3 s on a busy machine); dropped together, they share a few.
 */
const RUN = process.env.RENTAI_TEST_RUN;

/**
 * A fresh, migrated database for one test file: a copy of the template. Under Jest the global setup
 * (test/support/global-setup.mjs) has migrated it once and named it in RENTAI_TEST_TEMPLATE; elsewhere
 * (a script, a bench) it is made here on first use.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env.RENTAI_TEST_TEMPLATE ?? (await (templateReady ??= ensureTemplateDatabase()));
  const name = `${RUN ? `rentai_r${RUN}_` : 'rentai_t_'}${randomBytes(6).toString('hex')}`;
  await withAdmin(async (admin) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        break;
      } catch (error) {
        // "source database is being accessed by other users": another file is copying it right now.
        if (attempt > 50 || (error as { code?: string }).code !== '55006') throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
    await admin.query(`ALTER DATABASE ${name} ${TEST_DATABASE_SETTINGS}`);
  });
  return {
    name,
    url: serverUrl(name),
    // In a Jest run: its connections ended now (as DROP … WITH (FORCE) would), the database dropped by the global teardown.
    drop: () =>
      withAdmin((admin) =>
        RUN
          ? admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name])
          : admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      ).then(() => undefined),
  };
}

export interface TestDatabaseClient {
  database: TestDatabase;
  client: pg.Client;
  /** Ends the client and drops the database. */
  close(): Promise<void>;
}

/** A fresh test database with one plain pg client connected to it: for files that test SQL directly. */
export async function connectTestDatabase(): Promise<TestDatabaseClient> {
  const database = await createTestDatabase();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  return {
    database,
    client,
    close: async () => {
      await client.end();
      await database.drop();
    },
  };
}
