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
  attempts: number;
  priority: number | null;
}

/** A row the relay cannot publish is tried this many times, then dead (dead_at) and left alone. */
export const OUTBOX_RELAY_ATTEMPTS = 12;

/** The wait after a row's n-th failed attempt: 5 s doubling, at most an hour (12 attempts ≈ 3 hours). */
export function relayBackoffMs(attempt: number): number {
  return Math.min(5_000 * 2 ** (attempt - 1), 3_600_000);
}

/**
 * Moves committed outbox rows to BullMQ. Woken by NOTIFY on commit, and polls
 * every second in case a notification was missed. Rows are claimed with
 * SKIP LOCKED so several workers can relay; BullMQ ignores a job id it already
 * has, so a row published twice after a crash is still one job. Rows that fail are
 * retried with a backoff and end dead (see relayBatch).
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

  /**
   * One batch of the rows due now, oldest first. A row that cannot be published does not
   * hold back the others: it records the attempt and its error and is not due again until
   * its backoff has passed (so a head of poison rows never fills the batch for ever), and
   * after OUTBOX_RELAY_ATTEMPTS it is dead. The number of rows handled, published or not.
   */
  private async relayBatch(): Promise<number> {
    return this.tx.run(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, job_name, job_id, payload, attempts, priority FROM outbox
          WHERE published_at IS NULL AND dead_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= now())
          ORDER BY id LIMIT 200 FOR UPDATE SKIP LOCKED`,
      );
      const published: string[] = [];
      const failed: { id: string; error: string; delaySeconds: number }[] = [];
      for (const row of rows) {
        try {
          await this.publish(row);
          published.push(row.id);
        } catch (error) {
          const message = String((error as Error).message ?? error).slice(0, 2000);
          const attempt = row.attempts + 1;
          const dead = attempt >= OUTBOX_RELAY_ATTEMPTS;
          this.logger.error(`outbox row ${row.id} (${row.job_name} ${row.job_id}), attempt ${attempt}${dead ? ', now dead' : ''}: ${message}`);
          failed.push({ id: row.id, error: message, delaySeconds: relayBackoffMs(attempt) / 1000 });
        }
      }
      if (published.length > 0) {
        await manager.query(`UPDATE outbox SET published_at = now(), next_attempt_at = NULL WHERE id = ANY($1::bigint[])`, [published]);
      }
      if (failed.length > 0) {
        await manager.query(
          `UPDATE outbox o
              SET attempts = o.attempts + 1,
                  last_error = f.error,
                  next_attempt_at = now() + make_interval(secs => f.delay_seconds),
                  dead_at = CASE WHEN o.attempts + 1 >= $4 THEN now() END
             FROM unnest($1::bigint[], $2::text[], $3::float8[]) AS f(id, error, delay_seconds)
            WHERE o.id = f.id`,
          [failed.map((f) => f.id), failed.map((f) => f.error), failed.map((f) => f.delaySeconds), OUTBOX_RELAY_ATTEMPTS],
        );
      }
      return rows.length;
    });
  }

  private async publish(row: OutboxRow): Promise<void> {
    const spec = (JOBS as Record<string, JobSpec | undefined>)[row.job_name];
    // During a rolling deploy an older worker may meet a job only newer workers know: retried later.
    if (!spec) throw new Error(`unknown job ${row.job_name}`);
    await this.queue(spec.queue).add(row.job_name, row.payload, {
      jobId: row.job_id,
      attempts: spec.attempts,
      backoff: { type: 'exponential', delay: spec.backoffMs },
      ...(row.priority ? { priority: row.priority } : {}),
      removeOnComplete: { age: 7 * 24 * 3600 },
      removeOnFail: false,
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
