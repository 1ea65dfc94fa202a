import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Stripe: webhook events stored by id, one customer per member, Checkout sessions for dues invoices. */
export class Stripe1764000080000 implements MigrationInterface {
  name = 'Stripe1764000080000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stripe_events (
        id text PRIMARY KEY,
        type text NOT NULL,
        object_id text NOT NULL,
        livemode boolean NOT NULL,
        api_created_at timestamptz NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'RECEIVED' CHECK (status IN ('RECEIVED', 'PROCESSED', 'IGNORED')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz
      )`);
    await q.query(`CREATE INDEX stripe_events_status_received_idx ON stripe_events (status, received_at)`);
    await q.query(`CREATE INDEX stripe_events_object_idx ON stripe_events (object_id, api_created_at)`);
    await q.query(`
      CREATE TABLE stripe_customers (
        member_id uuid PRIMARY KEY REFERENCES members (id),
        customer_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX stripe_customers_customer_key ON stripe_customers (customer_id)`);
    await q.query(`
      CREATE TABLE online_checkouts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id text NOT NULL,
        payment_intent_id text,
        invoice_id uuid NOT NULL REFERENCES dues_invoices (id),
        member_id uuid NOT NULL REFERENCES members (id),
        branch_id uuid NOT NULL REFERENCES branches (id),
        amount bigint NOT NULL CHECK (amount > 0),
        currency character(3) NOT NULL,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'AWAITING_KONBINI', 'PAID', 'EXPIRED', 'FAILED')),
        method text CHECK (method IN ('CARD', 'KONBINI')),
        url text NOT NULL,
        expires_at timestamptz NOT NULL,
        konbini_expires_at timestamptz,
        payment_id uuid REFERENCES payments (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX online_checkouts_session_key ON online_checkouts (session_id)`);
    await q.query(`CREATE INDEX online_checkouts_invoice_idx ON online_checkouts (invoice_id, created_at)`);
    await q.query(`CREATE INDEX online_checkouts_payment_intent_idx ON online_checkouts (payment_intent_id)`);
    await q.query(`CREATE INDEX online_checkouts_member_idx ON online_checkouts (member_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE online_checkouts`);
    await q.query(`DROP TABLE stripe_customers`);
    await q.query(`DROP TABLE stripe_events`);
  }
}
