import pg from 'pg';
import { processCpuMs } from './gateway-process.js';

/**
 * The CPU of the PostgreSQL backends connected to one database (pg_stat_activity, /proc/<pid>/stat):
 * `sample()` gives the sum of their CPU ms so far, keyed by pid so backends that come and go are counted
 * once; the difference of two samples is what those backends used in between. Background processes
 * (WAL writer, checkpointer) are not included. PostgreSQL must run on this machine.
 */
export class DatabaseCpu {
  private constructor(private readonly client: pg.Client, private readonly database: string) {}

  static async open(adminUrl: string, database: string): Promise<DatabaseCpu> {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    return new DatabaseCpu(client, database);
  }

  async sample(): Promise<Map<number, number>> {
    const { rows } = await this.client.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [this.database]);
    return new Map(rows.map((r) => [r.pid, processCpuMs(r.pid) || 0])); // 0 for a backend gone meanwhile
  }

  /** CPU ms used between two samples by the backends seen in either (one that started in between counts from 0). */
  static between(before: Map<number, number>, after: Map<number, number>): number {
    let ms = 0;
    for (const [pid, now] of after) ms += now - (before.get(pid) ?? 0);
    return ms;
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
