import type { MigrationInterface, QueryRunner } from 'typeorm';
import { nameKeys } from '#core';

/**
 * The payer key of a member's kana (`nameKeys` in #core: half-width, small kana large, voiced marks
 * apart, legal forms and spaces dropped) and its first word, indexed with the home branch:
 * reconciliation looks up the candidates of a batch of bank lines by these keys in SQL (and counts a
 * crowded name's members of the branch there) instead of indexing every open invoice of the branch in
 * memory. Existing members are filled in keyset batches.
 */
export class MemberPayerKeys1764000310000 implements MigrationInterface {
  name = 'MemberPayerKeys1764000310000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE members ADD COLUMN payer_key text COLLATE "C", ADD COLUMN payer_family text COLLATE "C"`);
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: { id: string; name_kana: string }[] = await q.query(`SELECT id, name_kana FROM members WHERE id > $1 ORDER BY id LIMIT 10000`, [after]);
      if (rows.length === 0) break;
      const keys = rows.map((r) => nameKeys(r.name_kana));
      await q.query(
        `UPDATE members m SET payer_key = u.key, payer_family = u.family FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, key, family) WHERE m.id = u.id`,
        [rows.map((r) => r.id), keys.map((k) => k.key), keys.map((k) => k.family)],
      );
      after = rows[rows.length - 1].id;
    }
    await q.query(`CREATE INDEX members_branch_payer_key_idx ON members (branch_id, payer_key)`);
    await q.query(`CREATE INDEX members_branch_payer_family_idx ON members (branch_id, payer_family)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS members_branch_payer_family_idx`);
    await q.query(`DROP INDEX IF EXISTS members_branch_payer_key_idx`);
    await q.query(`ALTER TABLE members DROP COLUMN payer_family, DROP COLUMN payer_key`);
  }
}
