import { Injectable } from '@nestjs/common';
import { TransactionService } from '../database/transaction.service.js';
import type { JobName, JobPayloads } from './jobs.js';

export const OUTBOX_CHANNEL = 'rentai_outbox';

/** Writes jobs into the outbox inside the caller's transaction. Never talks to Redis. */
@Injectable()
export class OutboxService {
  constructor(private readonly tx: TransactionService) {}

  /** Enqueue after commit; the same jobId twice is one job. */
  async enqueue<K extends JobName>(jobName: K, payload: JobPayloads[K], jobId: string): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO outbox (job_name, job_id, payload) VALUES ($1, $2, $3) ON CONFLICT (job_id) DO NOTHING`,
      [jobName, jobId, JSON.stringify(payload)],
    );
    await this.tx.manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
  }
}
