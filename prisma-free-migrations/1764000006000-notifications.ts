import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Notifications: the e-mail outbox (one row per e-mail, rendered, sent once by the worker). */
export class Notifications1764000006000 implements MigrationInterface {
  name = 'Notifications1764000006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE email_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        idempotency_key text NOT NULL CONSTRAINT "UQ_email_messages_idempotency_key" UNIQUE,
        template text NOT NULL,
        locale text NOT NULL CHECK (locale IN ('ja', 'en')),
        to_address text NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'SENT') = (sent_at IS NOT NULL))
      )`);
    // Messages that did not go out, for an operator to look at.
    await q.query(`CREATE INDEX email_messages_unsent_idx ON email_messages (created_at) WHERE status <> 'SENT'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE email_messages`);
  }
}
