import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A line of the federation's bank account that is its side of a settlement (a branch's transfer in,
 * or the federation's transfer out to a branch): linked to the settlement, one federation line per
 * settlement — apart from the branch's own line, which keeps `settlement_id`.
 */
export class ReconciliationFederationSettlementLines1764000391000 implements MigrationInterface {
  name = 'ReconciliationFederationSettlementLines1764000391000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reconciliation_lines ADD COLUMN federation_settlement_id uuid`);
    await q.query(`ALTER TABLE reconciliation_lines DROP CONSTRAINT reconciliation_lines_confirmed_check`);
    await q.query(`ALTER TABLE reconciliation_lines ADD CONSTRAINT reconciliation_lines_confirmed_check
      CHECK (status <> 'CONFIRMED' OR cardinality(payment_ids) > 0 OR payout_id IS NOT NULL OR settlement_id IS NOT NULL OR grant_batch_id IS NOT NULL OR federation_settlement_id IS NOT NULL)`);
    await q.query(`CREATE UNIQUE INDEX reconciliation_lines_federation_settlement_key ON reconciliation_lines (federation_settlement_id) WHERE federation_settlement_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS reconciliation_lines_federation_settlement_key`);
    await q.query(`ALTER TABLE reconciliation_lines DROP CONSTRAINT reconciliation_lines_confirmed_check`);
    await q.query(`ALTER TABLE reconciliation_lines ADD CONSTRAINT reconciliation_lines_confirmed_check
      CHECK (status <> 'CONFIRMED' OR cardinality(payment_ids) > 0 OR payout_id IS NOT NULL OR settlement_id IS NOT NULL OR grant_batch_id IS NOT NULL)`);
    await q.query(`ALTER TABLE reconciliation_lines DROP COLUMN federation_settlement_id`);
  }
}
