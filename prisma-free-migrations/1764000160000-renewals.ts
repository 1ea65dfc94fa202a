import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Renewal reminders sent: one per membership, renewal period and kind. */
export class Renewals1764000160000 implements MigrationInterface {
  name = 'Renewals1764000160000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE renewal_reminders (
        membership_id uuid NOT NULL,
        period_start date NOT NULL,
        kind text NOT NULL,
        member_id uuid NOT NULL,
        branch_id uuid NOT NULL,
        invoice_id uuid NOT NULL,
        email_id uuid,
        sent_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (membership_id, period_start, kind)
      )`);
    await q.query(`CREATE INDEX renewal_reminders_branch_idx ON renewal_reminders (branch_id, sent_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE renewal_reminders`);
  }
}
