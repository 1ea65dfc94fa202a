import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Bank reconciliation: bank accounts of branch books, imported statements, their lines once each. */
export class Reconciliation1764000100000 implements MigrationInterface {
  name = 'Reconciliation1764000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reconciliation_bank_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        book_id uuid NOT NULL REFERENCES books (id),
        branch_id uuid NOT NULL REFERENCES branches (id),
        ledger_account_code text NOT NULL DEFAULT '1200',
        bank_code text NOT NULL CHECK (bank_code ~ '^[0-9]{4}$'),
        branch_code text NOT NULL CHECK (branch_code ~ '^[0-9]{3}$'),
        account_type text NOT NULL CHECK (account_type ~ '^[0-9]$'),
        account_number text NOT NULL CHECK (account_number ~ '^[0-9]{7}$'),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX reconciliation_bank_accounts_number_key ON reconciliation_bank_accounts (bank_code, branch_code, account_type, account_number)`);
    await q.query(`
      CREATE TABLE reconciliation_statements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        bank_account_id uuid NOT NULL REFERENCES reconciliation_bank_accounts (id),
        format text NOT NULL CHECK (format IN ('ZENGIN_03', 'ZENGIN_01', 'CSV')),
        file_sha256 text NOT NULL,
        period_from date,
        period_to date,
        opening_balance bigint,
        closing_balance bigint,
        line_count integer NOT NULL CHECK (line_count >= 0),
        new_line_count integer NOT NULL CHECK (new_line_count >= 0),
        imported_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX reconciliation_statements_file_key ON reconciliation_statements (bank_account_id, file_sha256)`);
    await q.query(`
      CREATE TABLE reconciliation_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        bank_account_id uuid NOT NULL REFERENCES reconciliation_bank_accounts (id),
        statement_id uuid NOT NULL REFERENCES reconciliation_statements (id),
        fingerprint text NOT NULL,
        line_number integer NOT NULL,
        reference text NOT NULL,
        booked_on date NOT NULL,
        value_on date,
        direction text NOT NULL CHECK (direction IN ('IN', 'OUT')),
        kind text NOT NULL CHECK (kind IN ('NORMAL', 'CORRECTION', 'CANCELLATION')),
        transaction_type text,
        amount bigint NOT NULL CHECK (amount >= 0),
        payer_code text NOT NULL,
        payer_name text NOT NULL,
        memo text NOT NULL,
        edi text NOT NULL,
        status text NOT NULL DEFAULT 'UNMATCHED' CHECK (status IN ('UNMATCHED', 'SUGGESTED', 'CONFIRMED', 'NOT_DUES')),
        suggestions jsonb NOT NULL DEFAULT '[]',
        payment_ids uuid[] NOT NULL DEFAULT '{}',
        confirmations integer NOT NULL DEFAULT 0,
        auto_confirmed boolean NOT NULL DEFAULT false,
        not_dues_category text,
        not_dues_account text,
        confirmed_by uuid,
        confirmed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT reconciliation_lines_confirmed_check CHECK (status <> 'CONFIRMED' OR cardinality(payment_ids) > 0)
      )`);
    await q.query(`CREATE UNIQUE INDEX reconciliation_lines_fingerprint_key ON reconciliation_lines (bank_account_id, fingerprint)`);
    await q.query(`CREATE INDEX reconciliation_lines_account_date_idx ON reconciliation_lines (bank_account_id, booked_on, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reconciliation_lines`);
    await q.query(`DROP TABLE reconciliation_statements`);
    await q.query(`DROP TABLE reconciliation_bank_accounts`);
  }
}
