import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Which after-commit listener has handled which domain event occurrence. */
export class DomainEvents1764000081000 implements MigrationInterface {
  name = 'DomainEvents1764000081000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE domain_event_deliveries (
        event_key text NOT NULL,
        listener text NOT NULL,
        delivered_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_key, listener)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE domain_event_deliveries`);
  }
}
