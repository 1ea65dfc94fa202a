import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The ledger: books, accounts, journal entries, periods. */
export class Ledger1764000007000 implements MigrationInterface {
  name = 'Ledger1764000007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE books (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('FEDERATION', 'BRANCH', 'FOUNDATION')),
        branch_id uuid REFERENCES branches (id),
        name_ja text NOT NULL,
        name_en text NOT NULL,
        currency character(3) NOT NULL DEFAULT 'JPY',
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'BRANCH') = (branch_id IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX books_branch_key ON books (branch_id) WHERE branch_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX books_kind_singleton_key ON books (kind) WHERE kind <> 'BRANCH'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE books`);
  }
}
