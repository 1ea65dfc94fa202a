import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Receipts (gap-free counters per book, year and kind; receipts with their recipient snapshot and
 * stored PDF) and e-mail attachments, with the index admins list failed e-mails by.
 */
export class Receipts1764000110000 implements MigrationInterface {
  name = 'Receipts1764000110000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE receipt_counters (
        book_id uuid NOT NULL,
        year int NOT NULL,
        kind text NOT NULL,
        last_sequence int NOT NULL,
        PRIMARY KEY (book_id, year, kind)
      )`);
    await q.query(`
      CREATE TABLE receipts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        book_id uuid NOT NULL,
        kind text NOT NULL,
        year int NOT NULL,
        sequence int NOT NULL,
        number text NOT NULL,
        status text NOT NULL DEFAULT 'ISSUED',
        source_type text NOT NULL,
        source_id text NOT NULL,
        member_id uuid,
        branch_id uuid,
        recipient_name text NOT NULL,
        recipient_postal_code text,
        recipient_address text,
        recipient_email text,
        recipient_is_member boolean NOT NULL,
        locale text NOT NULL,
        amount bigint NOT NULL,
        currency char(3) NOT NULL DEFAULT 'JPY',
        purpose text NOT NULL,
        office text NOT NULL,
        received_on date NOT NULL,
        issued_on date NOT NULL,
        replaces_id uuid,
        replaces_number text,
        voided_at timestamptz,
        void_reason text,
        pdf bytea,
        pdf_sha256 text,
        email_id text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX receipts_book_year_kind_sequence_key ON receipts (book_id, year, kind, sequence)`);
    await q.query(`CREATE UNIQUE INDEX receipts_issued_source_key ON receipts (source_type, source_id) WHERE status = 'ISSUED'`);
    await q.query(`CREATE INDEX receipts_branch_issued_idx ON receipts (branch_id, issued_on, id)`);
    await q.query(`CREATE INDEX receipts_member_issued_idx ON receipts (member_id, issued_on, id)`);
    await q.query(`CREATE INDEX receipts_issued_idx ON receipts (issued_on, id)`);
    await q.query(`
      CREATE TABLE email_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email_id uuid NOT NULL,
        position int NOT NULL,
        filename text NOT NULL,
        content_type text NOT NULL,
        content bytea NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX email_attachments_email_idx ON email_attachments (email_id, position)`);
    await q.query(`CREATE INDEX email_messages_failed_idx ON email_messages (created_at, id) WHERE status = 'FAILED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX email_messages_failed_idx`);
    await q.query(`DROP TABLE email_attachments`);
    await q.query(`DROP TABLE receipts`);
    await q.query(`DROP TABLE receipt_counters`);
  }
}
