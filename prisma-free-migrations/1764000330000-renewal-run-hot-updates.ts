import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Memberships leave half of each page free (fillfactor 50), so the renewal run's move of a
 * membership to its next period (period_start, period_end: no index holds them) is a HOT update:
 * the new row version goes on the same page and none of the eight indexes gets a new entry.
 * Half, because the run moves every membership due at once (and a payment moves paid_through):
 * at 80 only a quarter of the moves of 100,000 memberships found room on their page, at 50 all
 * of them (pg_stat_xact_user_tables.n_tup_hot_upd), for a table twice the size (about 100 bytes
 * a row: 200 MB for a million). Applies to pages written from now on; an existing database gets
 * it for its older pages with VACUUM FULL memberships (or pg_repack) at a quiet hour.
 */
export class RenewalRunHotUpdates1764000330000 implements MigrationInterface {
  name = 'RenewalRunHotUpdates1764000330000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE memberships SET (fillfactor = 50)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE memberships RESET (fillfactor)`);
  }
}
