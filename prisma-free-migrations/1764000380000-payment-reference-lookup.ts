import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments found by the reference recorded with them (`rentai payments:void --payment 振込0001`): an index
 * on the reference alone, voided payments included (the unique key covers live ones per branch and method).
 */
export class PaymentReferenceLookup1764000380000 implements MigrationInterface {
  name = 'PaymentReferenceLookup1764000380000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX payments_reference_idx ON payments (reference) WHERE reference IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX payments_reference_idx`);
  }
}
