import type { DataSource } from 'typeorm';
import { eventually } from './eventually.js';

/**
 * Resolves once at least `count` other sessions of this database are waiting on a lock
 * (`pg_stat_activity.wait_event_type = 'Lock'`): proof that a concurrent transaction is
 * blocked, rather than a pause in the hope that it is. Fails when none comes in time.
 */
export async function lockWaiters(db: DataSource, count = 1): Promise<number> {
  return eventually(
    async () => {
      const [row] = await db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
      );
      return row.n >= count ? (row.n as number) : null;
    },
    { attempts: 200, intervalMs: 25 },
  );
}
