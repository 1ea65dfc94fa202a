import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Memberships paid before their join date: the daily start (MembershipStarts) finds them by an index. */
export class DuesHardening1764000040000 implements MigrationInterface {
  name = 'DuesHardening1764000040000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX memberships_paid_ahead_idx ON memberships (joined_on) WHERE status = 'PENDING' AND paid_through IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX memberships_paid_ahead_idx`);
  }
}
