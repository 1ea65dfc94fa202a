import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dues recognition policy (ON_RECEIPT by default, or ACCRUAL): the federation's setting, a
 * per-book override, and on each invoice the basis it was issued on (its payments and its
 * void follow that basis even after the setting changes). Invoices issued before this
 * migration were accrued (their receivable is in the books): they keep ACCRUAL.
 */
export class DuesRecognition1764000130000 implements MigrationInterface {
  name = 'DuesRecognition1764000130000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dues_recognition_settings (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        policy text NOT NULL CHECK (policy IN ('ON_RECEIPT', 'ACCRUAL')),
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE dues_recognition_book_overrides (
        book_id uuid PRIMARY KEY,
        policy text NOT NULL CHECK (policy IN ('ON_RECEIPT', 'ACCRUAL')),
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE dues_invoices ADD COLUMN recognition text NOT NULL DEFAULT 'ACCRUAL' CHECK (recognition IN ('ON_RECEIPT', 'ACCRUAL'))`);
    await q.query(`ALTER TABLE dues_invoices ALTER COLUMN recognition SET DEFAULT 'ON_RECEIPT'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dues_invoices DROP COLUMN recognition`);
    await q.query(`DROP TABLE dues_recognition_book_overrides`);
    await q.query(`DROP TABLE dues_recognition_settings`);
  }
}
