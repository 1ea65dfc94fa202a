import pg from 'pg';
import { DatabaseConfig } from '#core';

/** Creates the database named in DATABASE_URL when it does not exist yet (first start on a new machine). */
const config = DatabaseConfig.fromEnv(process.env);
const target = new URL(config.url);
const name = decodeURIComponent(target.pathname.slice(1));
const admin = new URL(config.url);
admin.pathname = '/postgres';
const client = new pg.Client({ connectionString: admin.toString() });
try {
  await client.connect();
} catch (error) {
  process.stderr.write(`Cannot connect to PostgreSQL at ${config.address} (DATABASE_URL): ${(error as Error).message}\n`);
  process.exit(1);
}
const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
if (!exists.rowCount) {
  await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  process.stdout.write(`Created database ${name}\n`);
}
await client.end();
