import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Branches (支部). */
export class Federation1764000002000 implements MigrationInterface {
  name = 'Federation1764000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE branches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL CONSTRAINT "UQ_branches_code" UNIQUE,
        name_ja text NOT NULL,
        name_en text NOT NULL,
        prefecture text NOT NULL,
        contact_email text,
        contact_phone text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE branches`);
  }
}
