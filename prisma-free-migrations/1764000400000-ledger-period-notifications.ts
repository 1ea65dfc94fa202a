import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-change notifications for ledger periods (as migration 1764000190000 does for users, grants and
 * branches): after a committed close or reopen of a month, whoever made it, PostgreSQL notifies
 * `rentai_row_changes` with `ledger_periods:<book id>`, and every process forgets the closed months it
 * kept for that book (PostingContextCache in #ledger: a payment no longer reads them each time).
 */
export class LedgerPeriodNotifications1764000400000 implements MigrationInterface {
  name = 'LedgerPeriodNotifications1764000400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TRIGGER ledger_periods_notify_row_change AFTER INSERT OR UPDATE OR DELETE ON ledger_periods FOR EACH ROW EXECUTE FUNCTION rentai_notify_row_change('book_id')`,
    );
    await q.query(`CREATE TRIGGER ledger_periods_notify_truncate AFTER TRUNCATE ON ledger_periods FOR EACH STATEMENT EXECUTE FUNCTION rentai_notify_truncate()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS ledger_periods_notify_row_change ON ledger_periods`);
    await q.query(`DROP TRIGGER IF EXISTS ledger_periods_notify_truncate ON ledger_periods`);
  }
}
