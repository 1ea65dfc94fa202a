import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Auto-renew: the setting on a membership, the card a member saved for off-session use, and each
 * attempt to charge it for a renewal invoice (one idempotency key per invoice and attempt).
 */
export class AutoRenew1764000150000 implements MigrationInterface {
  name = 'AutoRenew1764000150000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE memberships ADD COLUMN auto_renew boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE INDEX memberships_auto_renew_idx ON memberships (id) WHERE auto_renew`);
    await q.query(`
      CREATE TABLE stripe_saved_cards (
        member_id uuid PRIMARY KEY,
        payment_method_id text NOT NULL,
        brand text NOT NULL,
        last4 character(4) NOT NULL,
        exp_month smallint NOT NULL,
        exp_year smallint NOT NULL,
        saved_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX stripe_saved_cards_payment_method_key ON stripe_saved_cards (payment_method_id)`);
    await q.query(`
      CREATE TABLE auto_renew_charges (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        invoice_id uuid NOT NULL,
        member_id uuid NOT NULL,
        branch_id uuid NOT NULL,
        attempt smallint NOT NULL CHECK (attempt BETWEEN 1 AND 4),
        attempted_on date NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        currency character(3) NOT NULL,
        payment_method_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('CHARGING', 'SUCCEEDED', 'PROCESSING', 'DECLINED', 'REQUIRES_ACTION')),
        payment_intent_id text,
        decline_code text,
        message text,
        payment_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX auto_renew_charges_invoice_attempt_key ON auto_renew_charges (invoice_id, attempt)`);
    await q.query(`CREATE INDEX auto_renew_charges_payment_intent_idx ON auto_renew_charges (payment_intent_id) WHERE payment_intent_id IS NOT NULL`);
    await q.query(`CREATE INDEX auto_renew_charges_member_idx ON auto_renew_charges (member_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE auto_renew_charges`);
    await q.query(`DROP TABLE stripe_saved_cards`);
    await q.query(`DROP INDEX memberships_auto_renew_idx`);
    await q.query(`ALTER TABLE memberships DROP COLUMN auto_renew`);
  }
}
