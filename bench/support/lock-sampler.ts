import pg from 'pg';

/**
 * Who holds and who waits for the ledger's chain-head locks, sampled from pg_stat_activity of one database
 * while payments run (every `intervalMs`, from its own connection). A backend *holds* when its transaction's
 * current or last statement names `ledger_chain_heads` (the lock statement, or the journal write that moves
 * the heads) and it is not waiting on a lock, or when it is running COMMIT (only a posting transaction commits
 * in the bench's rounds); it *waits* when it is in such a statement and waits on a lock (`transactionid` for
 * the first waiter, `tuple` for the others). Every payment locks the federation book's head, so at most one
 * backend holds at a time: the share of samples with a holder is the lock's busy time, and by Little's law
 * hold ms per payment = busy share / payments per second, wait ms per payment = mean waiters / payments per second.
 */
export class ChainHeadLockSampler {
  private samples = 0;
  private held = 0;
  private waiting = 0;
  private running: Promise<void> | null = null;
  private stopped = false;

  private constructor(private readonly client: pg.Client, private readonly database: string, private readonly intervalMs: number) {}

  static async open(adminUrl: string, database: string, intervalMs = 2): Promise<ChainHeadLockSampler> {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    return new ChainHeadLockSampler(client, database, intervalMs);
  }

  start(): void {
    this.samples = this.held = this.waiting = 0;
    this.stopped = false;
    this.running = (async () => {
      while (!this.stopped) {
        const { rows } = await this.client.query<{ holding: number; waiting: number }>(
          `SELECT count(*) FILTER (WHERE wait_event_type IS DISTINCT FROM 'Lock'
                                     AND ((state IN ('active', 'idle in transaction') AND query LIKE '%ledger_chain_heads%')
                                          OR (state = 'active' AND query = 'COMMIT')))::int AS holding,
                  count(*) FILTER (WHERE wait_event_type = 'Lock' AND query LIKE '%ledger_chain_heads%')::int AS waiting
             FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
          [this.database],
        );
        this.samples++;
        if (rows[0].holding > 0) this.held++;
        this.waiting += rows[0].waiting;
        await new Promise((r) => setTimeout(r, this.intervalMs));
      }
    })();
  }

  /** Stops sampling: the share of samples with a holder, and the mean number of waiters. */
  async stop(): Promise<{ samples: number; busy: number; waiters: number }> {
    this.stopped = true;
    await this.running;
    return { samples: this.samples, busy: this.samples ? this.held / this.samples : 0, waiters: this.samples ? this.waiting / this.samples : 0 };
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
