import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One word for whom a dues plan is for: the members library's MemberKind (PERSON | ORGANIZATION).
 * dues_plans.member_type ('INDIVIDUAL' | 'ORGANIZATION') becomes member_kind ('PERSON' | 'ORGANIZATION'),
 * with its two CHECK constraints renamed to match.
 */
export class MemberKind1764000300000 implements MigrationInterface {
  name = 'MemberKind1764000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dues_plans DROP CONSTRAINT dues_plans_member_type_check`);
    await q.query(`ALTER TABLE dues_plans DROP CONSTRAINT dues_plans_size_tier_member_type_check`);
    await q.query(`ALTER TABLE dues_plans RENAME COLUMN member_type TO member_kind`);
    await q.query(`UPDATE dues_plans SET member_kind = 'PERSON' WHERE member_kind = 'INDIVIDUAL'`);
    await q.query(`ALTER TABLE dues_plans ADD CONSTRAINT dues_plans_member_kind_check CHECK (member_kind IN ('PERSON', 'ORGANIZATION'))`);
    await q.query(`ALTER TABLE dues_plans ADD CONSTRAINT dues_plans_size_tier_member_kind_check CHECK (member_kind = 'ORGANIZATION' OR size_tier IS NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dues_plans DROP CONSTRAINT dues_plans_size_tier_member_kind_check`);
    await q.query(`ALTER TABLE dues_plans DROP CONSTRAINT dues_plans_member_kind_check`);
    await q.query(`UPDATE dues_plans SET member_kind = 'INDIVIDUAL' WHERE member_kind = 'PERSON'`);
    await q.query(`ALTER TABLE dues_plans RENAME COLUMN member_kind TO member_type`);
    await q.query(`ALTER TABLE dues_plans ADD CONSTRAINT dues_plans_member_type_check CHECK (member_type IN ('INDIVIDUAL', 'ORGANIZATION'))`);
    await q.query(`ALTER TABLE dues_plans ADD CONSTRAINT dues_plans_size_tier_member_type_check CHECK (member_type = 'ORGANIZATION' OR size_tier IS NULL)`);
  }
}
