import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bank accounts of a book, not only of a branch: the federation's and the foundation's books have
 * accounts too (`holder`; a branch account names its branch, the others none). An outgoing line of
 * the foundation's account can be the bank's debit of a grant payment batch (総合振込), linked to it.
 */
export class ReconciliationBookBankAccounts1764000390000 implements MigrationInterface {
  name = 'ReconciliationBookBankAccounts1764000390000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reconciliation_bank_accounts ADD COLUMN holder text NOT NULL DEFAULT 'BRANCH'
      CHECK (holder IN ('BRANCH', 'FEDERATION', 'FOUNDATION'))`);
    await q.query(`ALTER TABLE reconciliation_bank_accounts ALTER COLUMN branch_id DROP NOT NULL`);
    await q.query(`ALTER TABLE reconciliation_bank_accounts ADD CONSTRAINT reconciliation_bank_accounts_holder_branch_check
      CHECK ((holder = 'BRANCH') = (branch_id IS NOT NULL))`);
    await q.query(`ALTER TABLE reconciliation_lines ADD COLUMN grant_batch_id uuid`);
    await q.query(`ALTER TABLE reconciliation_lines DROP CONSTRAINT reconciliation_lines_confirmed_check`);
    await q.query(`ALTER TABLE reconciliation_lines ADD CONSTRAINT reconciliation_lines_confirmed_check
      CHECK (status <> 'CONFIRMED' OR cardinality(payment_ids) > 0 OR payout_id IS NOT NULL OR settlement_id IS NOT NULL OR grant_batch_id IS NOT NULL)`);
    await q.query(`CREATE UNIQUE INDEX reconciliation_lines_grant_batch_key ON reconciliation_lines (grant_batch_id) WHERE grant_batch_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS reconciliation_lines_grant_batch_key`);
    await q.query(`ALTER TABLE reconciliation_lines DROP CONSTRAINT reconciliation_lines_confirmed_check`);
    await q.query(`ALTER TABLE reconciliation_lines ADD CONSTRAINT reconciliation_lines_confirmed_check
      CHECK (status <> 'CONFIRMED' OR cardinality(payment_ids) > 0 OR payout_id IS NOT NULL OR settlement_id IS NOT NULL)`);
    await q.query(`ALTER TABLE reconciliation_lines DROP COLUMN grant_batch_id`);
    await q.query(`DELETE FROM reconciliation_bank_accounts WHERE holder <> 'BRANCH'`);
    await q.query(`ALTER TABLE reconciliation_bank_accounts DROP CONSTRAINT reconciliation_bank_accounts_holder_branch_check`);
    await q.query(`ALTER TABLE reconciliation_bank_accounts ALTER COLUMN branch_id SET NOT NULL`);
    await q.query(`ALTER TABLE reconciliation_bank_accounts DROP COLUMN holder`);
  }
}
