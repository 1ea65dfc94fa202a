import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Branches (支部). Each branch has a book, opened by the ledger when the branch is created. */
export class Federation1764000002000 implements MigrationInterface {
  name = 'Federation1764000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE branches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL CONSTRAINT "UQ_branches_code" UNIQUE CHECK (code ~ '^[A-Z0-9]{2,10}$'),
        name_ja text NOT NULL CHECK (length(name_ja) BETWEEN 1 AND 100),
        name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 100),
        prefecture text NOT NULL,
        contact_email text CHECK (contact_email = lower(contact_email)),
        contact_phone text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE branches`);
  }
}
