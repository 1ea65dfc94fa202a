import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Members: people, organizations, contacts. */
export class Members1764000005000 implements MigrationInterface {
  name = 'Members1764000005000';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
