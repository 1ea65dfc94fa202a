import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mail delivery at least once per Message-ID (libs/notifications/README.md):
 * - email_messages.content_sha256: the SHA-256 of the bytes of the message's last transmission
 *   (set with the claim), so an in-doubt resend goes out only when it renders the same bytes.
 * - email_messages.in_doubt_resends (0 or 1) and in_doubt_at: a message left SENDING past the
 *   in-doubt delay (the worker was killed, or the line dropped after the final dot) is re-sent
 *   once more by the recovery sweep, and recorded here; admins list them.
 * - outbox.priority: the BullMQ priority of the job (null: the job's default), so sign-in links
 *   are not queued behind bulk e-mail.
 */
export class EmailInDoubt1764000320000 implements MigrationInterface {
  name = 'EmailInDoubt1764000320000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE email_messages
      ADD COLUMN content_sha256 text,
      ADD COLUMN in_doubt_resends int NOT NULL DEFAULT 0 CONSTRAINT email_messages_in_doubt_resends_check CHECK (in_doubt_resends BETWEEN 0 AND 1),
      ADD COLUMN in_doubt_at timestamptz`);
    await q.query(`CREATE INDEX email_messages_sending_idx ON email_messages (claimed_at) WHERE status = 'SENDING'`);
    await q.query(`CREATE INDEX email_messages_in_doubt_idx ON email_messages (created_at, id) WHERE status = 'SENDING' OR in_doubt_resends > 0`);
    await q.query(`ALTER TABLE outbox ADD COLUMN priority int CONSTRAINT outbox_priority_check CHECK (priority BETWEEN 0 AND 2097152)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP COLUMN priority`);
    await q.query(`DROP INDEX email_messages_in_doubt_idx`);
    await q.query(`DROP INDEX email_messages_sending_idx`);
    await q.query(`ALTER TABLE email_messages DROP COLUMN in_doubt_at, DROP COLUMN in_doubt_resends, DROP COLUMN content_sha256`);
  }
}
