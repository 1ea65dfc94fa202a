import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger's remaining rules, in PostgreSQL rather than only in code:
 * - every journal entry has lines and balances (checked once per entry at commit; this replaces
 *   the per-line balance trigger, so a bulk post runs one check per entry instead of one per line);
 * - lines are added only with their entry, in the transaction that inserted it: nothing is
 *   appended to an entry already committed (an entry row and its lines share an xmin);
 * - no entry is dated in a closed month (closing is no longer enforced by code alone);
 * - a period row is never deleted (reopening is an update, by a federation admin, audited);
 * - audit_events cannot be truncated.
 * The checks that look at many rows are statement-level (transition tables): one query per
 * INSERT statement, whatever the batch size.
 */
export class LedgerHardening1764000030000 implements MigrationInterface {
  name = 'LedgerHardening1764000030000';

  async up(q: QueryRunner): Promise<void> {
    // At commit, once per entry inserted in the transaction: lines exist and debits equal credits.
    await q.query(`
      CREATE FUNCTION journal_entry_complete() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        line_count bigint;
        net bigint;
      BEGIN
        SELECT count(*), COALESCE(sum(CASE WHEN side = 'DEBIT' THEN amount ELSE -amount END), 0) INTO line_count, net
          FROM journal_lines WHERE entry_id = NEW.id;
        IF line_count = 0 THEN
          RAISE EXCEPTION 'journal entry % has no lines', NEW.id
            USING ERRCODE = '23514', CONSTRAINT = 'journal_entries_lines_check';
        END IF;
        IF net <> 0 THEN
          RAISE EXCEPTION 'journal entry % does not balance: debits - credits = %', NEW.id, net
            USING ERRCODE = '23514', CONSTRAINT = 'journal_lines_balanced_check';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER journal_entries_complete AFTER INSERT ON journal_entries
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_complete()`);
    // Lines can no longer reach an entry outside its own transaction, so the entry's check covers them all.
    await q.query(`DROP TRIGGER journal_lines_balanced ON journal_lines`);
    await q.query(`DROP FUNCTION journal_entry_balanced()`);

    // Per INSERT statement: each new line's entry was inserted by the same (sub)transaction.
    await q.query(`
      CREATE FUNCTION journal_lines_with_their_entry() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        late uuid;
      BEGIN
        SELECT a.entry_id INTO late
          FROM added a
          JOIN journal_lines l ON l.id = a.id
          JOIN journal_entries e ON e.id = a.entry_id
         WHERE e.xmin <> l.xmin
         LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'journal entry % is already posted: lines are added only with their entry', late
            USING ERRCODE = '23514', CONSTRAINT = 'journal_lines_with_entry_check';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER journal_lines_with_their_entry AFTER INSERT ON journal_lines
      REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION journal_lines_with_their_entry()`);

    // Per INSERT statement: no new entry is dated in a month its book has closed.
    // (Posting rolls a late business item forward to the next open month before it gets here.)
    await q.query(`
      CREATE FUNCTION journal_entries_in_open_period() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        bad record;
      BEGIN
        SELECT a.id, a.entry_date INTO bad
          FROM added a
          JOIN ledger_periods p ON p.book_id = a.book_id AND p.month = date_trunc('month', a.entry_date)::date
         WHERE p.status = 'CLOSED'
         LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'journal entry % is dated % in a closed period', bad.id, bad.entry_date
            USING ERRCODE = '23514', CONSTRAINT = 'journal_entries_open_period_check';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER journal_entries_in_open_period AFTER INSERT ON journal_entries
      REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION journal_entries_in_open_period()`);

    // A closed month is reopened by updating its row (PeriodService.reopen), never by removing it.
    await q.query(`
      CREATE FUNCTION ledger_periods_kept() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger_periods rows are kept: reopen a period instead' USING ERRCODE = 'P0001';
      END $$`);
    await q.query(`CREATE TRIGGER ledger_periods_kept BEFORE DELETE ON ledger_periods FOR EACH ROW EXECUTE FUNCTION ledger_periods_kept()`);
    await q.query(`CREATE TRIGGER ledger_periods_no_truncate BEFORE TRUNCATE ON ledger_periods FOR EACH STATEMENT EXECUTE FUNCTION ledger_periods_kept()`);

    await q.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_events_no_truncate ON audit_events`);
    await q.query(`DROP TRIGGER ledger_periods_no_truncate ON ledger_periods`);
    await q.query(`DROP TRIGGER ledger_periods_kept ON ledger_periods`);
    await q.query(`DROP FUNCTION ledger_periods_kept()`);
    await q.query(`DROP TRIGGER journal_entries_in_open_period ON journal_entries`);
    await q.query(`DROP FUNCTION journal_entries_in_open_period()`);
    await q.query(`DROP TRIGGER journal_lines_with_their_entry ON journal_lines`);
    await q.query(`DROP FUNCTION journal_lines_with_their_entry()`);
    await q.query(`DROP TRIGGER journal_entries_complete ON journal_entries`);
    await q.query(`DROP FUNCTION journal_entry_complete()`);
    // The 1764000007000 per-line balance check, as it was.
    await q.query(`
      CREATE FUNCTION journal_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        net bigint;
      BEGIN
        SELECT COALESCE(sum(CASE WHEN side = 'DEBIT' THEN amount ELSE -amount END), 0) INTO net
          FROM journal_lines WHERE entry_id = NEW.entry_id;
        IF net <> 0 THEN
          RAISE EXCEPTION 'journal entry % does not balance: debits - credits = %', NEW.entry_id, net
            USING ERRCODE = '23514', CONSTRAINT = 'journal_lines_balanced_check';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER journal_lines_balanced AFTER INSERT ON journal_lines
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_balanced()`);
  }
}
