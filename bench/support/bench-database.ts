import pg from 'pg';
import { DataSource } from 'typeorm';
import { DatabaseConfig, dataSourceOptions } from '#core';
import { migrations } from '../../prisma-free-migrations/index.js';

export function benchDatabaseUrl(name: string): string {
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = `/${name}`;
  return base.toString();
}

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: benchDatabaseUrl('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database for one benchmark; `drop()` removes it. */
export async function createBenchDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  const url = benchDatabaseUrl(name);
  const ds = new DataSource(dataSourceOptions(Object.assign(new DatabaseConfig(), { url, logging: false }), [], migrations));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  return { url, drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined) };
}
