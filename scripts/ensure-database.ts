import pg from 'pg';
import { ConfigError, type DatabaseConfig } from '#core';

/** The one sentence for a PostgreSQL that cannot be reached or used. */
export function databaseError(config: DatabaseConfig, error: unknown): ConfigError {
  return new ConfigError(`Cannot connect to PostgreSQL at ${config.address} (DATABASE_URL): ${(error as Error).message}.`);
}

/**
 * Creates the database named in DATABASE_URL when it does not exist yet (first start on a new
 * machine): true when it did. Any other problem (PostgreSQL down, wrong credentials) is a
 * ConfigError naming DATABASE_URL and the address.
 */
export async function ensureDatabase(config: DatabaseConfig): Promise<boolean> {
  const target = new pg.Client({ connectionString: config.url });
  try {
    await target.connect();
    await target.end();
    return false;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw databaseError(config, error); // 3D000: no such database
  }
  try {
    await onServer(config, (admin, name) => admin.query(`CREATE DATABASE ${name}`));
    return true;
  } catch (error) {
    // 42P04: another start created it a moment ago.
    if ((error as { code?: string }).code === '42P04') return false;
    throw databaseError(config, error);
  }
}

/** Runs `work` on the server's `postgres` database with the quoted name of DATABASE_URL's database. */
async function onServer(config: DatabaseConfig, work: (admin: pg.Client, quotedName: string) => Promise<unknown>): Promise<void> {
  const name = decodeURIComponent(new URL(config.url).pathname.slice(1));
  const adminUrl = new URL(config.url);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  try {
    await admin.connect();
    await work(admin, `"${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end().catch(() => undefined);
  }
}

/** Drops the database named in DATABASE_URL (npm start -- --reset), closing its other connections first. */
export async function dropDatabase(config: DatabaseConfig): Promise<void> {
  await onServer(config, (admin, name) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch((error) => {
    throw databaseError(config, error);
  });
}
