import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Renewal reminders sent: one per membership, renewal period and kind; open invoices indexed by period for them. */
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
    // The renewals' reminder candidates: open invoices by period (dues' table, read by dues' RenewalQueries).
    await q.query(`CREATE INDEX dues_invoices_unpaid_period_idx ON dues_invoices (period_start, id) WHERE status IN ('OPEN', 'PARTIALLY_PAID')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX dues_invoices_unpaid_period_idx`);
    await q.query(`DROP TABLE renewal_reminders`);
  }
}
