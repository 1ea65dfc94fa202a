import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The memberships a renewal run found due, per run, branch and fiscal year (RenewalIssuance):
 * one scan of memberships writes them here, then each branch's transaction reads its own rows by
 * id instead of scanning every page of memberships again (the branches' rows are interleaved, so
 * twenty per-branch scans read the table twenty times). Unlogged: a working list, written and
 * deleted by the run itself; after a crash it is empty (the run collects again), and nothing
 * else reads it. Rows of a run killed half-way are removed by the next run (created_on).
 */
export class RenewalIssuanceDue1764000395000 implements MigrationInterface {
  name = 'RenewalIssuanceDue1764000395000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNLOGGED TABLE renewal_issuance_due (
      run_id uuid NOT NULL,
      branch_id uuid NOT NULL,
      fiscal_year int NOT NULL,
      membership_id uuid NOT NULL,
      created_on date NOT NULL DEFAULT current_date
    )`);
    await q.query(`CREATE INDEX renewal_issuance_due_run ON renewal_issuance_due (run_id, branch_id, fiscal_year)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE renewal_issuance_due`);
  }
}
