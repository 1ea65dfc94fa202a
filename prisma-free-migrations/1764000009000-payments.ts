import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Payments and their allocations; settlements between branch and federation books. */
export class Payments1764000009000 implements MigrationInterface {
  name = 'Payments1764000009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        branch_id uuid NOT NULL REFERENCES branches (id),
        book_id uuid NOT NULL REFERENCES books (id),
        member_id uuid NOT NULL REFERENCES members (id),
        method text NOT NULL CHECK (method IN ('CASH', 'BANK_TRANSFER', 'CARD', 'KONBINI', 'BANK_STATEMENT')),
        reference text CHECK (length(reference) BETWEEN 1 AND 200),
        amount bigint NOT NULL CHECK (amount > 0),
        fee bigint NOT NULL DEFAULT 0 CHECK (fee >= 0),
        currency character(3) NOT NULL,
        received_on date NOT NULL,
        status text NOT NULL DEFAULT 'RECORDED' CHECK (status IN ('RECORDED', 'VOIDED')),
        memo text,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        journal_entry_id uuid REFERENCES journal_entries (id),
        posted_on date,
        recorded_by uuid NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        voided_at timestamptz,
        voided_by uuid,
        void_reason text,
        CONSTRAINT payments_fee_below_amount_check CHECK (fee < amount),
        CONSTRAINT payments_void_check CHECK ((status = 'VOIDED') = (voided_at IS NOT NULL))
      )`);
    // One live payment per channel reference in a branch: two treasurers entering the same transfer record it once.
    await q.query(`CREATE UNIQUE INDEX payments_reference_key ON payments (branch_id, method, reference) WHERE reference IS NOT NULL AND status <> 'VOIDED'`);
    await q.query(`CREATE UNIQUE INDEX payments_idempotency_key_key ON payments (idempotency_key)`);
    await q.query(`CREATE INDEX payments_branch_received_idx ON payments (branch_id, received_on, id)`);
    await q.query(`CREATE INDEX payments_branch_method_received_idx ON payments (branch_id, method, received_on, id)`);
    await q.query(`CREATE INDEX payments_member_received_idx ON payments (member_id, received_on, id)`);

    await q.query(`
      CREATE TABLE payment_allocations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payment_id uuid NOT NULL CONSTRAINT payment_allocations_payment_id_fkey REFERENCES payments (id),
        invoice_id uuid NOT NULL REFERENCES dues_invoices (id),
        amount bigint NOT NULL CHECK (amount > 0),
        source text NOT NULL CHECK (source IN ('PAYMENT', 'CREDIT')),
        applied_on date NOT NULL,
        journal_entry_id uuid REFERENCES journal_entries (id),
        released_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX payment_allocations_payment_idx ON payment_allocations (payment_id)`);
    await q.query(`CREATE INDEX payment_allocations_invoice_idx ON payment_allocations (invoice_id)`);

    await q.query(`
      CREATE TABLE settlements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        branch_id uuid NOT NULL REFERENCES branches (id),
        direction text NOT NULL CHECK (direction IN ('BRANCH_TO_FEDERATION', 'FEDERATION_TO_BRANCH')),
        amount bigint NOT NULL CHECK (amount > 0),
        currency character(3) NOT NULL,
        settled_on date NOT NULL,
        reference text,
        memo text,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        branch_entry_id uuid REFERENCES journal_entries (id),
        posted_on date,
        federation_entry_id uuid REFERENCES journal_entries (id),
        recorded_by uuid NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX settlements_branch_posted_idx ON settlements (branch_id, posted_on, id)`);
    await q.query(`CREATE UNIQUE INDEX settlements_idempotency_key_key ON settlements (idempotency_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE settlements`);
    await q.query(`DROP TABLE payment_allocations`);
    await q.query(`DROP TABLE payments`);
  }
}
