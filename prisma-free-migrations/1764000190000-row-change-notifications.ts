import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-change notifications for the gateway's in-process caches (RowChanges in #core): after a
 * committed insert, update or delete of a user, a role grant or a branch, whoever made it,
 * PostgreSQL notifies `rentai_row_changes` with `table:key` (the user id for users and grants,
 * the branch id for branches; `table:` alone after a TRUNCATE). Every gateway process listens and forgets what it cached.
 */
export class RowChangeNotifications1764000190000 implements MigrationInterface {
  name = 'RowChangeNotifications1764000190000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION rentai_notify_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        column_name text := TG_ARGV[0];
        old_key text;
        new_key text;
      BEGIN
        IF TG_OP <> 'INSERT' THEN old_key := to_jsonb(OLD) ->> column_name; END IF;
        IF TG_OP <> 'DELETE' THEN new_key := to_jsonb(NEW) ->> column_name; END IF;
        IF old_key IS NOT NULL THEN PERFORM pg_notify('rentai_row_changes', TG_TABLE_NAME || ':' || old_key); END IF;
        IF new_key IS NOT NULL AND new_key IS DISTINCT FROM old_key THEN PERFORM pg_notify('rentai_row_changes', TG_TABLE_NAME || ':' || new_key); END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION rentai_notify_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('rentai_row_changes', TG_TABLE_NAME || ':');
        RETURN NULL;
      END $$`);
    for (const [table, key] of [
      ['users', 'id'],
      ['role_grants', 'user_id'],
      ['branches', 'id'],
    ]) {
      await q.query(`CREATE TRIGGER ${table}_notify_row_change AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION rentai_notify_row_change('${key}')`);
      // TRUNCATE has no rows: everything cached from the table is forgotten.
      await q.query(`CREATE TRIGGER ${table}_notify_truncate AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION rentai_notify_truncate()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['users', 'role_grants', 'branches']) {
      await q.query(`DROP TRIGGER IF EXISTS ${table}_notify_row_change ON ${table}`);
      await q.query(`DROP TRIGGER IF EXISTS ${table}_notify_truncate ON ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS rentai_notify_row_change()`);
    await q.query(`DROP FUNCTION IF EXISTS rentai_notify_truncate()`);
  }
}
