import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { OUTBOX_RELAY_ATTEMPTS, relayBackoffMs } from '#core';
import { TestApp } from './support/test-app.js';

jest.setTimeout(120_000);

/**
 * The outbox relay against real PostgreSQL and Redis: rows it cannot publish are retried with a
 * backoff and end dead, and never stop the rows behind them.
 */
describe('the outbox relay and rows it cannot publish', () => {
  let t: TestApp;
  let emails: Queue;

  beforeAll(async () => {
    t = await TestApp.start({ worker: true });
    emails = t.worker!.get<Queue>(getQueueToken('emails'), { strict: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  const row = async (jobId: string) =>
    (await t.db.query(`SELECT attempts, last_error, next_attempt_at, dead_at, published_at FROM outbox WHERE job_id = $1`, [jobId]))[0];

  it('a good row behind more than a batch of poison rows is relayed; each poison row records its attempt and waits', async () => {
    // 150 jobs this worker does not know (as during a rolling deploy) and 60 that BullMQ refuses to add
    // (a ':' in a custom id), all at the head of the outbox, then one good row.
    await t.db.query(
      `INSERT INTO outbox (job_name, job_id, payload)
       SELECT 'report.from-a-newer-release', 'poison-unknown-' || n, '{}'::jsonb FROM generate_series(1, 150) n`,
    );
    await t.db.query(
      `INSERT INTO outbox (job_name, job_id, payload)
       SELECT 'email.send', 'poison-add-throws:' || n, jsonb_build_object('emailId', gen_random_uuid()) FROM generate_series(1, 60) n`,
    );
    const good = `email-${randomUUID()}`;
    await t.db.query(`INSERT INTO outbox (job_name, job_id, payload) VALUES ('email.send', $1, $2)`, [good, { emailId: randomUUID() }]);

    await t.flushOutbox();
    await t.flushOutbox();

    expect((await row(good)).published_at).not.toBeNull();
    expect(await emails.getJob(good)).toBeDefined();
    const poison = await t.db.query(
      `SELECT count(*)::int AS n, min(attempts) AS min, max(attempts) AS max,
              bool_and(next_attempt_at > now()) AS waiting, bool_and(published_at IS NULL AND dead_at IS NULL) AS pending
         FROM outbox WHERE job_id LIKE 'poison%'`,
    );
    expect(poison).toEqual([{ n: 210, min: 1, max: 1, waiting: true, pending: true }]);
    expect((await row('poison-unknown-1')).last_error).toBe('unknown job report.from-a-newer-release');
    expect((await row('poison-add-throws:1')).last_error).toMatch(/Custom Id cannot contain :/);
  });

  it('a poison row is tried again after its backoff, and is dead after the last attempt with its last error', async () => {
    const jobId = 'poison-unknown-7';
    // The other poison rows wait out a long backoff, so the worker's own polling leaves them alone.
    await t.db.query(`UPDATE outbox SET next_attempt_at = now() + interval '1 hour' WHERE job_id LIKE 'poison%' AND job_id <> $1`, [jobId]);
    for (let attempt = 2; attempt <= OUTBOX_RELAY_ATTEMPTS + 2; attempt++) {
      // The backoff has passed (instead of waiting for it).
      await t.db.query(`UPDATE outbox SET next_attempt_at = now() - interval '1 second' WHERE job_id = $1`, [jobId]);
      await t.flushOutbox();
    }
    const dead = await row(jobId);
    expect(dead.attempts).toBe(OUTBOX_RELAY_ATTEMPTS);
    expect(dead.dead_at).not.toBeNull();
    expect(dead.published_at).toBeNull();
    expect(dead.last_error).toBe('unknown job report.from-a-newer-release');
    // Its neighbours, still in their backoff, were not tried again.
    expect((await row('poison-unknown-8')).attempts).toBe(1);
  });

  it('waits 5 s doubling after each failure, at most an hour', () => {
    expect([1, 2, 3, 4].map(relayBackoffMs)).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(relayBackoffMs(12)).toBe(3_600_000);
  });
});
