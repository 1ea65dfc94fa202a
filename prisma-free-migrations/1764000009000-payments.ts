import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Payments and their allocations. */
export class Payments1764000009000 implements MigrationInterface {
  name = 'Payments1764000009000';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
