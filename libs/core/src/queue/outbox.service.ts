import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TransactionService } from '../database/transaction.service.js';
import type { JobName, JobPayloads } from './jobs.js';

export const OUTBOX_CHANNEL = 'rentai_outbox';

/**
 * Wakes the outbox relay (NOTIFY) outside any transaction, coalesced: at most one NOTIFY in flight per
 * process, and one more after it when others asked meanwhile — under load, one round trip serves many
 * enqueues instead of one each. The relay also polls every second, so a lost wake-up only delays.
 */
@Injectable()
export class OutboxWakeUp {
  private inFlight = false;
  private again = false;

  constructor(private readonly dataSource: DataSource) {}

  wake(): void {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    this.dataSource
      .query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL])
      .catch(() => undefined)
      .finally(() => {
        this.inFlight = false;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }
}

/** Writes jobs into the outbox inside the caller's transaction. Never talks to Redis. */
@Injectable()
export class OutboxService {
  constructor(
    private readonly tx: TransactionService,
    private readonly wakeUp: OutboxWakeUp,
  ) {}

  /**
   * Enqueue after commit; the same jobId twice is one job. Job ids are letters, digits,
   * '.', '-' and '_' (BullMQ refuses most ids with ':' and all-digit ids), e.g.
   * `renewal-invoice.${membershipId}.${periodStart}`. `priority` is BullMQ's (0, the default, goes
   * before every job given 1, 2, …; equal priorities in order): e-mail a person waits for ahead of bulk e-mail.
   */
  async enqueue<K extends JobName>(jobName: K, payload: JobPayloads[K], jobId: string, options: { priority?: number } = {}): Promise<void> {
    assertJobId(jobId);
    await this.tx.manager.query(
      `INSERT INTO outbox (job_name, job_id, payload, priority) VALUES ($1, $2, $3, $4) ON CONFLICT (job_id) DO NOTHING`,
      [jobName, jobId, JSON.stringify(payload), options.priority ?? null],
    );
    // After the commit, not inside it: a NOTIFY in a writing transaction serializes every commit (see OutboxWakeUp).
    this.tx.afterCommit(() => this.wakeUp.wake());
  }

  /**
   * Many jobs of one name in one statement (a batch job's fan-out), all of one `priority` (see enqueue); the same jobId twice is one job.
   * `deferred`: the INSERT goes with the transaction's next prepared statement or just before its commit
   * (TransactionService.deferWrite), one round trip less; nothing in the transaction reads the outbox.
   */
  async enqueueMany<K extends JobName>(
    jobName: K,
    jobs: { payload: JobPayloads[K]; jobId: string }[],
    options: { priority?: number; deferred?: boolean } = {},
  ): Promise<void> {
    if (jobs.length === 0) return;
    for (const j of jobs) assertJobId(j.jobId);
    const write = {
      text: `INSERT INTO outbox (job_name, job_id, payload, priority) SELECT $1, j, p::jsonb, $4 FROM unnest($2::text[], $3::text[]) AS t (j, p) ON CONFLICT (job_id) DO NOTHING`,
      values: [jobName, jobs.map((j) => j.jobId), jobs.map((j) => JSON.stringify(j.payload)), options.priority ?? null],
    };
    if (!(options.deferred && this.tx.deferWrite(write))) await this.tx.manager.query(write.text, write.values);
    this.tx.afterCommit(() => this.wakeUp.wake());
  }
}

export function assertJobId(jobId: string): void {
  if (!/^[A-Za-z0-9._-]{1,200}$/.test(jobId) || /^\d+$/.test(jobId)) {
    throw new Error(`Invalid job id ${JSON.stringify(jobId)}: use letters, digits, '.', '-' or '_' (not only digits)`);
  }
}
