import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stripe money after the payment: refunds (ours and the dashboard's), disputes, payouts with their
 * balance transactions, and the disputes account (1350) in every book that lacks it.
 */
export class StripeMoney1764000120000 implements MigrationInterface {
  name = 'StripeMoney1764000120000';

  async up(q: QueryRunner): Promise<void> {
    // What Stripe gave back (booked refunds) or lost (lost disputes) of a payment: no longer the member's credit.
    await q.query(`ALTER TABLE payments ADD COLUMN taken_back bigint NOT NULL DEFAULT 0 CONSTRAINT payments_taken_back_check CHECK (taken_back >= 0 AND taken_back <= amount)`);
    await q.query(`
      INSERT INTO accounts (book_id, code, type, name_ja, name_en, standard)
      SELECT b.id, '1350', 'ASSET', 'Stripe 係争中', 'Stripe disputes', true FROM books b
       WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.book_id = b.id AND a.code = '1350')`);
    await q.query(`
      CREATE TABLE payment_refunds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payment_id uuid NOT NULL REFERENCES payments (id),
        stripe_refund_id text NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        currency character(3) NOT NULL,
        status text NOT NULL CHECK (status IN ('PENDING', 'AWAITING_BANK_DETAILS', 'SUCCEEDED', 'FAILED')),
        reason text,
        requested_by uuid,
        journal_entry_id uuid,
        unapplied bigint NOT NULL DEFAULT 0,
        booked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX payment_refunds_stripe_refund_key ON payment_refunds (stripe_refund_id)`);
    await q.query(`CREATE INDEX payment_refunds_payment_idx ON payment_refunds (payment_id)`);
    await q.query(`
      CREATE TABLE payment_disputes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payment_id uuid NOT NULL REFERENCES payments (id),
        stripe_dispute_id text NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        currency character(3) NOT NULL,
        status text NOT NULL CHECK (status IN ('OPEN', 'WON', 'LOST')),
        reason text,
        opened_entry_id uuid,
        closed_entry_id uuid,
        unapplied bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX payment_disputes_stripe_dispute_key ON payment_disputes (stripe_dispute_id)`);
    await q.query(`CREATE INDEX payment_disputes_payment_idx ON payment_disputes (payment_id)`);
    await q.query(`
      CREATE TABLE stripe_payouts (
        id text PRIMARY KEY,
        amount bigint NOT NULL,
        currency character(3) NOT NULL,
        arrival_date date NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX stripe_payouts_arrival_idx ON stripe_payouts (arrival_date, amount)`);
    await q.query(`
      CREATE TABLE stripe_payout_transactions (
        id text PRIMARY KEY,
        payout_id text NOT NULL REFERENCES stripe_payouts (id),
        type text NOT NULL,
        amount bigint NOT NULL,
        fee bigint NOT NULL,
        net bigint NOT NULL,
        source_id text,
        payment_id uuid REFERENCES payments (id)
      )`);
    await q.query(`CREATE INDEX stripe_payout_transactions_payout_idx ON stripe_payout_transactions (payout_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stripe_payout_transactions`);
    await q.query(`DROP TABLE stripe_payouts`);
    await q.query(`DROP TABLE payment_disputes`);
    await q.query(`DROP TABLE payment_refunds`);
    await q.query(`ALTER TABLE payments DROP COLUMN taken_back`);
  }
}
