import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Disputes (chargebacks) of a donation's charge: one `donation_disputes` row per Stripe dispute
 * id, with the entries that moved its amount (opened: Dr disputes 1350 / Cr Stripe clearing;
 * closed: back if won, the income reversed from the disputes account if lost). A donation with
 * an open dispute is DISPUTED; `dispute_status` shows the latest dispute's outcome.
 */
export class DonationDisputes1764000210000 implements MigrationInterface {
  name = 'DonationDisputes1764000210000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE donations DROP CONSTRAINT donations_status_check`);
    await q.query(`ALTER TABLE donations ADD CONSTRAINT donations_status_check
      CHECK (status IN ('PENDING', 'AWAITING_KONBINI', 'SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED', 'DISPUTED', 'EXPIRED', 'FAILED'))`);
    await q.query(`ALTER TABLE donations ADD COLUMN dispute_status text CHECK (dispute_status IN ('OPEN', 'WON', 'LOST'))`);
    await q.query(`
      CREATE TABLE donation_disputes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        donation_id uuid NOT NULL REFERENCES donations (id),
        stripe_dispute_id text NOT NULL CONSTRAINT donation_disputes_stripe_key UNIQUE,
        amount bigint NOT NULL CHECK (amount > 0),
        status text NOT NULL CHECK (status IN ('OPEN', 'WON', 'LOST')),
        reason text,
        opened_entry_id uuid,
        closed_entry_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz
      )`);
    await q.query(`CREATE INDEX donation_disputes_donation_idx ON donation_disputes (donation_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE donation_disputes`);
    await q.query(`ALTER TABLE donations DROP COLUMN dispute_status`);
    await q.query(`ALTER TABLE donations DROP CONSTRAINT donations_status_check`);
    await q.query(`ALTER TABLE donations ADD CONSTRAINT donations_status_check
      CHECK (status IN ('PENDING', 'AWAITING_KONBINI', 'SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED', 'EXPIRED', 'FAILED'))`);
  }
}
