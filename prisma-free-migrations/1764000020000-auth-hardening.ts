import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit events name their actor (`actor_name`): branch staff see who did something by name, not
 * by e-mail address (an address is what a sign-in link goes to). Events written before this have
 * no name (the table is append-only: nothing is backfilled).
 */
export class AuthHardening1764000020000 implements MigrationInterface {
  name = 'AuthHardening1764000020000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events ADD COLUMN actor_name text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events DROP COLUMN actor_name`);
  }
}
