import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import pg from 'pg';
import { DatabaseConfig } from '../../config/database.config.js';
import { TransactionService } from '../../database/transaction.service.js';
import { JOBS, type JobSpec, type QueueName } from '../jobs.js';
import { OUTBOX_CHANNEL } from '../outbox.service.js';

interface OutboxRow {
  id: string;
  job_name: string;
  job_id: string;
  payload: Record<string, unknown>;
}

/**
 * Moves committed outbox rows to BullMQ. Woken by NOTIFY on commit, and polls
 * every second in case a notification was missed. Rows are claimed with
 * SKIP LOCKED so several workers can relay; BullMQ ignores a job id it already
 * has, so a row published twice after a crash is still one job.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private listener: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly tx: TransactionService,
    private readonly database: DatabaseConfig,
    private readonly modules: ModuleRef,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.listener = new pg.Client({ connectionString: this.database.url });
    this.listener.on('error', (e) => this.logger.warn(`outbox listener: ${e.message}`));
    await this.listener.connect();
    this.listener.on('notification', () => this.wake());
    await this.listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.timer = setInterval(() => this.wake(), 1000);
    this.wake();
  }

  /** Relays everything pending now; returns when done (tests await it). */
  wake(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        while ((await this.relayBatch()) > 0 && !this.stopped);
      } while (this.again && !this.stopped);
    })()
      .catch((e: Error) => this.logger.error(`outbox relay failed: ${e.message}`))
      .finally(() => (this.running = null));
    return this.running;
  }

  private async relayBatch(): Promise<number> {
    return this.tx.run(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, job_name, job_id, payload FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT 200 FOR UPDATE SKIP LOCKED`,
      );
      const published: string[] = [];
      for (const row of rows) {
        const spec = (JOBS as Record<string, JobSpec | undefined>)[row.job_name];
        if (!spec) {
          this.logger.error(`outbox row ${row.id}: unknown job ${row.job_name}`);
          continue;
        }
        try {
          await this.queue(spec.queue).add(row.job_name, row.payload, {
            jobId: row.job_id,
            attempts: spec.attempts,
            backoff: { type: 'exponential', delay: spec.backoffMs },
            removeOnComplete: { age: 7 * 24 * 3600 },
            removeOnFail: false,
          });
          published.push(row.id);
        } catch (error) {
          // One bad row must not hold back the others; it stays unpublished and is logged.
          this.logger.error(`outbox row ${row.id} (${row.job_name} ${row.job_id}): ${(error as Error).message}`);
        }
      }
      if (published.length > 0) {
        await manager.query(`UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])`, [published]);
      }
      return published.length;
    });
  }

  private queue(name: QueueName): Queue {
    return this.modules.get<Queue>(getQueueToken(name), { strict: false });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.listener?.end().catch(() => undefined);
  }
}
