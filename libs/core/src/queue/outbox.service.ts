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
    await this.tx.manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
  }

  /** Many jobs of one kind in one statement (batch work); the same jobId twice is one job. */
  async enqueueMany<K extends JobName>(jobName: K, jobs: { payload: JobPayloads[K]; jobId: string }[]): Promise<void> {
    if (jobs.length === 0) return;
    for (const job of jobs) assertJobId(job.jobId);
    await this.tx.manager.query(
      `INSERT INTO outbox (job_name, job_id, payload) SELECT $1, j.job_id, j.payload FROM unnest($2::text[], $3::jsonb[]) AS j(job_id, payload) ON CONFLICT (job_id) DO NOTHING`,
      [jobName, jobs.map((j) => j.jobId), jobs.map((j) => JSON.stringify(j.payload))],
    );
    await this.tx.manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
  }
}

export function assertJobId(jobId: string): void {
  if (!/^[A-Za-z0-9._-]{1,200}$/.test(jobId) || /^\d+$/.test(jobId)) {
    throw new Error(`Invalid job id ${JSON.stringify(jobId)}: use letters, digits, '.', '-' or '_' (not only digits)`);
  }
}
