import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Notifications: e-mail outbox. */
export class Notifications1764000006000 implements MigrationInterface {
  name = 'Notifications1764000006000';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
