// Jest global teardown of the integration and e2e projects: drops the run's test databases together
// (libs/testing/src/test-database.ts names them rentai_r<run>_…), and those of earlier runs on this
// machine whose process is gone (a run that was killed). Each DROP DATABASE waits for a checkpoint of the
// whole server; sixteen at a time, they share a few instead of each file paying one as it closes.
import pg from 'pg';

const serverUrl = () => {
  const base = new URL(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = '/postgres';
  return base.toString();
};

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
};

const withAdmin = async (work) => {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

export default async function globalTeardown() {
  const run = process.env.RENTAI_TEST_RUN;
  if (!run) return;
  const { rows } = await withAdmin((admin) => admin.query(String.raw`SELECT datname FROM pg_database WHERE datname LIKE 'rentai\_r%\_%'`));
  const queue = rows
    .map((r) => r.datname)
    .filter((name) => {
      const owner = /^rentai_r(\d+)_/.exec(name)?.[1];
      return owner !== undefined && (owner === run || !alive(Number(owner)));
    });
  const dropper = () =>
    withAdmin(async (admin) => {
      for (let name = queue.pop(); name; name = queue.pop()) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  await Promise.all(Array.from({ length: Math.min(16, queue.length) }, dropper));
}
