import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Dues: plans, memberships, invoices. */
export class Dues1764000008000 implements MigrationInterface {
  name = 'Dues1764000008000';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
