import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Donations: funds (基金, each received by one book, restricted or not), donors (one per member,
 * one per guest e-mail), one-time donations (online or recorded by a treasurer) with their Stripe
 * refunds, and monthly gifts on a saved card with one charge row per gift and month.
 */
export class Donations1764000140000 implements MigrationInterface {
  name = 'Donations1764000140000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE funds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL CONSTRAINT funds_code_key UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,29}$'),
        name_ja text NOT NULL,
        name_en text NOT NULL,
        book_id uuid NOT NULL REFERENCES books (id),
        branch_id uuid,
        restricted boolean NOT NULL,
        open boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX funds_branch_idx ON funds (branch_id, code)`);
    await q.query(`
      CREATE TABLE donors (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid,
        email_normalized text,
        name_kanji text NOT NULL,
        name_kana text,
        email text,
        postal_code text,
        address text,
        language text NOT NULL DEFAULT 'ja' CHECK (language IN ('ja', 'en')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT donors_identity CHECK (member_id IS NOT NULL OR email_normalized IS NOT NULL OR name_kanji <> '')
      )`);
    await q.query(`CREATE UNIQUE INDEX donors_member_key ON donors (member_id) WHERE member_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX donors_guest_email_key ON donors (email_normalized) WHERE member_id IS NULL AND email_normalized IS NOT NULL`);
    await q.query(`
      CREATE TABLE monthly_gifts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        donor_id uuid NOT NULL REFERENCES donors (id),
        member_id uuid NOT NULL,
        fund_id uuid NOT NULL REFERENCES funds (id),
        branch_id uuid,
        amount bigint NOT NULL CHECK (amount > 0),
        currency character(3) NOT NULL DEFAULT 'JPY',
        status text NOT NULL CHECK (status IN ('PENDING_SETUP', 'ACTIVE', 'PAUSED', 'CANCELLED')),
        anonymous boolean NOT NULL DEFAULT false,
        receipt_preference text NOT NULL CHECK (receipt_preference IN ('PER_GIFT', 'ANNUAL', 'NONE')),
        day_of_month int NOT NULL CHECK (day_of_month BETWEEN 1 AND 28),
        next_charge_on date,
        customer_id text,
        payment_method_id text,
        checkout_session_id text CONSTRAINT monthly_gifts_session_key UNIQUE,
        checkout_url text,
        paused_reason text,
        language text NOT NULL DEFAULT 'ja',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        cancelled_at timestamptz
      )`);
    await q.query(`CREATE INDEX monthly_gifts_due_idx ON monthly_gifts (next_charge_on, id) WHERE status = 'ACTIVE'`);
    await q.query(`CREATE INDEX monthly_gifts_member_idx ON monthly_gifts (member_id, created_at)`);
    await q.query(`
      CREATE TABLE donations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        donor_id uuid NOT NULL REFERENCES donors (id),
        member_id uuid,
        fund_id uuid NOT NULL REFERENCES funds (id),
        branch_id uuid,
        book_id uuid NOT NULL REFERENCES books (id),
        amount bigint NOT NULL CHECK (amount > 0),
        currency character(3) NOT NULL DEFAULT 'JPY',
        fee bigint NOT NULL DEFAULT 0 CHECK (fee >= 0),
        method text CHECK (method IN ('CARD', 'KONBINI', 'CASH', 'BANK_TRANSFER')),
        channel text NOT NULL CHECK (channel IN ('ONLINE', 'RECORDED', 'MONTHLY')),
        status text NOT NULL CHECK (status IN ('PENDING', 'AWAITING_KONBINI', 'SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED', 'EXPIRED', 'FAILED')),
        refunded_amount bigint NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
        anonymous boolean NOT NULL DEFAULT false,
        receipt_preference text NOT NULL CHECK (receipt_preference IN ('PER_GIFT', 'ANNUAL', 'NONE')),
        received_on date,
        language text NOT NULL DEFAULT 'ja' CHECK (language IN ('ja', 'en')),
        checkout_session_id text CONSTRAINT donations_session_key UNIQUE,
        checkout_url text,
        payment_intent_id text CONSTRAINT donations_payment_intent_key UNIQUE,
        konbini_expires_at timestamptz,
        monthly_gift_id uuid REFERENCES monthly_gifts (id),
        journal_entry_id uuid,
        reference text,
        memo text,
        idempotency_key text CONSTRAINT donations_idempotency_key UNIQUE,
        recorded_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX donations_fund_idx ON donations (fund_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX donations_branch_idx ON donations (branch_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX donations_donor_idx ON donations (donor_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX donations_list_idx ON donations (created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE donation_refunds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        donation_id uuid NOT NULL REFERENCES donations (id),
        stripe_refund_id text NOT NULL CONSTRAINT donation_refunds_stripe_key UNIQUE,
        amount bigint NOT NULL CHECK (amount > 0),
        journal_entry_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX donation_refunds_donation_idx ON donation_refunds (donation_id)`);
    await q.query(`
      CREATE TABLE monthly_gift_charges (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        monthly_gift_id uuid NOT NULL REFERENCES monthly_gifts (id),
        period text NOT NULL CHECK (period ~ '^\\d{4}-\\d{2}$'),
        attempts int NOT NULL DEFAULT 0,
        amount bigint NOT NULL CHECK (amount > 0),
        status text NOT NULL CHECK (status IN ('CHARGING', 'SUCCEEDED', 'DECLINED', 'REQUIRES_ACTION', 'GAVE_UP')),
        payment_intent_id text,
        first_attempt_on date NOT NULL,
        next_retry_on date,
        last_error text,
        donation_id uuid REFERENCES donations (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT monthly_gift_charges_period_key UNIQUE (monthly_gift_id, period)
      )`);
    await q.query(`CREATE INDEX monthly_gift_charges_retry_idx ON monthly_gift_charges (next_retry_on) WHERE status = 'DECLINED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['monthly_gift_charges', 'donation_refunds', 'donations', 'monthly_gifts', 'donors', 'funds']) await q.query(`DROP TABLE ${t}`);
  }
}
