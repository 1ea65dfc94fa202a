import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Platform hardening.
 * - outbox: a row the relay cannot publish is retried with a backoff and ends dead after a
 *   number of attempts, instead of staying at the head of the queue for ever.
 * - email_messages: a message is claimed (SENDING, claimed_at) before it is sent, so it goes out
 *   at most once; its template parameters are kept (no secrets in them) to render it at send
 *   time, and text_body keeps only a copy with one-time links redacted.
 */
export class PlatformHardening1764000050000 implements MigrationInterface {
  name = 'PlatformHardening1764000050000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbox
        ADD COLUMN attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN last_error text,
        ADD COLUMN next_attempt_at timestamptz,
        ADD COLUMN dead_at timestamptz`);
    await q.query(`DROP INDEX outbox_unpublished_idx`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE published_at IS NULL AND dead_at IS NULL`);
    // Rows an operator has to look at (and may revive by clearing dead_at).
    await q.query(`CREATE INDEX outbox_dead_idx ON outbox (dead_at) WHERE dead_at IS NOT NULL`);

    await q.query(`ALTER TABLE email_messages DROP CONSTRAINT email_messages_status_check`);
    await q.query(`ALTER TABLE email_messages ADD CONSTRAINT email_messages_status_check CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED'))`);
    await q.query(`ALTER TABLE email_messages ADD COLUMN claimed_at timestamptz, ADD COLUMN params jsonb NOT NULL DEFAULT '{}'::jsonb`);
    await q.query(`ALTER TABLE email_messages ALTER COLUMN params DROP DEFAULT`);
    await q.query(`ALTER TABLE email_messages ADD CONSTRAINT email_messages_claimed_check CHECK (status <> 'SENDING' OR claimed_at IS NOT NULL)`);
    // What was stored before: links redacted; messages not yet sent cannot be rendered again (their
    // parameters were not kept) and are failed (a sign-in link lasts 15 minutes: the member asks again).
    await q.query(`UPDATE email_messages SET text_body = regexp_replace(text_body, '([?&]token=)[A-Za-z0-9_-]+', '\\1[redacted]', 'g')`);
    await q.query(`UPDATE email_messages SET status = 'FAILED', last_error = 'queued before links were made at send time; not sent' WHERE status = 'PENDING'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE email_messages DROP CONSTRAINT email_messages_claimed_check`);
    await q.query(`ALTER TABLE email_messages DROP COLUMN claimed_at, DROP COLUMN params`);
    await q.query(`UPDATE email_messages SET status = 'PENDING' WHERE status = 'SENDING'`);
    await q.query(`ALTER TABLE email_messages DROP CONSTRAINT email_messages_status_check`);
    await q.query(`ALTER TABLE email_messages ADD CONSTRAINT email_messages_status_check CHECK (status IN ('PENDING', 'SENT', 'FAILED'))`);
    await q.query(`DROP INDEX outbox_dead_idx`);
    await q.query(`DROP INDEX outbox_pending_idx`);
    await q.query(`CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL`);
    await q.query(`ALTER TABLE outbox DROP COLUMN attempts, DROP COLUMN last_error, DROP COLUMN next_attempt_at, DROP COLUMN dead_at`);
  }
}
