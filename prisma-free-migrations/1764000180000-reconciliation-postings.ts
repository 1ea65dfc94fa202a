import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reconciliation posts to the ledger itself: a line marked not dues (interest, a fee, a refund) and a
 * Stripe payout's bank line (Dr bank / Cr Stripe clearing) — journal source RECONCILIATION. A line
 * remembers its entry and the payout it settles (one line per payout). Admin-defined CSV profiles
 * and each book's account mapping for the accounting exports.
 */
export class ReconciliationPostings1764000180000 implements MigrationInterface {
  name = 'ReconciliationPostings1764000180000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE journal_entries DROP CONSTRAINT journal_entries_source_check`);
    await q.query(`ALTER TABLE journal_entries ADD CONSTRAINT journal_entries_source_check
      CHECK (source IN ('INVOICE', 'PAYMENT', 'DONATION', 'GRANT', 'SETTLEMENT', 'MANUAL', 'REFUND', 'FEE', 'RECONCILIATION'))`);
    // A book's journal by date (the accounting exports read it in keyset order).
    await q.query(`CREATE INDEX journal_entries_book_date_idx ON journal_entries (book_id, entry_date, seq)`);
    await q.query(`ALTER TABLE reconciliation_lines ADD COLUMN journal_entry_id uuid, ADD COLUMN payout_id text, ADD COLUMN payment_linked boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE reconciliation_lines DROP CONSTRAINT reconciliation_lines_confirmed_check`);
    await q.query(`ALTER TABLE reconciliation_lines ADD CONSTRAINT reconciliation_lines_confirmed_check
      CHECK (status <> 'CONFIRMED' OR cardinality(payment_ids) > 0 OR payout_id IS NOT NULL)`);
    await q.query(`CREATE UNIQUE INDEX reconciliation_lines_payout_key ON reconciliation_lines (payout_id) WHERE payout_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE reconciliation_csv_profiles (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
        name text NOT NULL,
        definition jsonb NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE reconciliation_account_mappings (
        book_id uuid NOT NULL REFERENCES books (id),
        account_code text NOT NULL CHECK (account_code ~ '^[0-9]{4}$'),
        name text NOT NULL,
        sub_name text,
        tax_class text,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (book_id, account_code)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reconciliation_account_mappings`);
    await q.query(`DROP TABLE reconciliation_csv_profiles`);
    await q.query(`DROP INDEX reconciliation_lines_payout_key`);
    await q.query(`DROP INDEX journal_entries_book_date_idx`);
    await q.query(`ALTER TABLE reconciliation_lines DROP CONSTRAINT reconciliation_lines_confirmed_check`);
    await q.query(`ALTER TABLE reconciliation_lines ADD CONSTRAINT reconciliation_lines_confirmed_check CHECK (status <> 'CONFIRMED' OR cardinality(payment_ids) > 0)`);
    await q.query(`ALTER TABLE reconciliation_lines DROP COLUMN journal_entry_id, DROP COLUMN payout_id, DROP COLUMN payment_linked`);
    await q.query(`ALTER TABLE journal_entries DROP CONSTRAINT journal_entries_source_check`);
    await q.query(`ALTER TABLE journal_entries ADD CONSTRAINT journal_entries_source_check
      CHECK (source IN ('INVOICE', 'PAYMENT', 'DONATION', 'GRANT', 'SETTLEMENT', 'MANUAL', 'REFUND', 'FEE'))`);
  }
}
