import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An outgoing bank line that is a branch's settlement transfer to the federation: linked to the
 * settlement (which posted the bank in both books already), one line per settlement.
 */
export class ReconciliationSettlementLines1764000311000 implements MigrationInterface {
  name = 'ReconciliationSettlementLines1764000311000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reconciliation_lines ADD COLUMN settlement_id uuid`);
    // A confirmed line is payments, a payout, or (now) a settlement transfer.
    await q.query(`ALTER TABLE reconciliation_lines DROP CONSTRAINT reconciliation_lines_confirmed_check`);
    await q.query(`ALTER TABLE reconciliation_lines ADD CONSTRAINT reconciliation_lines_confirmed_check
      CHECK (status <> 'CONFIRMED' OR cardinality(payment_ids) > 0 OR payout_id IS NOT NULL OR settlement_id IS NOT NULL)`);
    await q.query(`CREATE UNIQUE INDEX reconciliation_lines_settlement_key ON reconciliation_lines (settlement_id) WHERE settlement_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS reconciliation_lines_settlement_key`);
    await q.query(`ALTER TABLE reconciliation_lines DROP CONSTRAINT reconciliation_lines_confirmed_check`);
    await q.query(`ALTER TABLE reconciliation_lines ADD CONSTRAINT reconciliation_lines_confirmed_check
      CHECK (status <> 'CONFIRMED' OR cardinality(payment_ids) > 0 OR payout_id IS NOT NULL)`);
    await q.query(`ALTER TABLE reconciliation_lines DROP COLUMN settlement_id`);
  }
}
