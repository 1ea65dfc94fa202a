import { Injectable } from '@nestjs/common';
import { TransactionService } from '../database/transaction.service.js';
import type { JobName, JobPayloads } from './jobs.js';

export const OUTBOX_CHANNEL = 'rentai_outbox';

/** Writes jobs into the outbox inside the caller's transaction. Never talks to Redis. */
@Injectable()
export class OutboxService {
  constructor(private readonly tx: TransactionService) {}

  /**
   * Enqueue after commit; the same jobId twice is one job. Job ids are letters, digits,
   * '.', '-' and '_' (BullMQ refuses most ids with ':' and all-digit ids), e.g.
   * `renewal-invoice.${membershipId}.${periodStart}`.
   */
  async enqueue<K extends JobName>(jobName: K, payload: JobPayloads[K], jobId: string): Promise<void> {
    assertJobId(jobId);
    await this.tx.manager.query(
      `INSERT INTO outbox (job_name, job_id, payload) VALUES ($1, $2, $3) ON CONFLICT (job_id) DO NOTHING`,
      [jobName, jobId, JSON.stringify(payload)],
    );
    await this.wakeRelay();
  }

  /**
   * Many jobs in one INSERT (each jobId once), e.g. the events of a bulk payment call. Enqueued after commit.
   */
  async enqueueMany<K extends JobName>(jobs: readonly { jobName: K; payload: JobPayloads[K]; jobId: string }[]): Promise<void> {
    if (jobs.length === 0) return;
    for (const j of jobs) assertJobId(j.jobId);
    await this.tx.manager.query(
      `INSERT INTO outbox (job_name, job_id, payload)
       SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[]) ON CONFLICT (job_id) DO NOTHING`,
      [jobs.map((j) => j.jobName), jobs.map((j) => j.jobId), jobs.map((j) => JSON.stringify(j.payload))],
    );
    await this.wakeRelay();
  }

  /**
   * The relay's wake-up, sent after the commit in its own statement (once per transaction): a NOTIFY
   * inside a writing transaction takes a global lock through the commit's WAL flush and serializes
   * every writer of the database. The relay also polls every second, so a lost wake-up only delays.
   */
  private async wakeRelay(): Promise<void> {
    await this.tx.afterCommit('outbox.wake', () => this.tx.dataSource.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]));
  }
}

export function assertJobId(jobId: string): void {
  if (!/^[A-Za-z0-9._-]{1,200}$/.test(jobId) || /^\d+$/.test(jobId)) {
    throw new Error(`Invalid job id ${JSON.stringify(jobId)}: use letters, digits, '.', '-' or '_' (not only digits)`);
  }
}
