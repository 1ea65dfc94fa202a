import { readFileSync } from 'node:fs';
import pg from 'pg';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux (getconf CLK_TCK)

/** CPU time (user + system) a process has used so far, in ms; 0 once it is gone. */
export function processCpuMs(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime is the 14th, stime the 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

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
    return new Map(rows.map((r) => [r.pid, processCpuMs(r.pid)]));
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
