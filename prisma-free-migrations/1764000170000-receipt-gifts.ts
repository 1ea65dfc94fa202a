import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Donation receipts: receipts' own record of the gifts received (from `donation.succeeded` and
 * `donation.refunded`, never read from donations' tables), the lines an annual receipt lists, and
 * the indexes of the annual run, the donor register and the receipt search.
 */
export class ReceiptGifts1764000170000 implements MigrationInterface {
  name = 'ReceiptGifts1764000170000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE receipt_gifts (
        donation_id uuid PRIMARY KEY,
        donor_id uuid NOT NULL,
        member_id uuid,
        book_id uuid NOT NULL,
        fund_id uuid NOT NULL,
        fund_name_ja text NOT NULL,
        fund_name_en text NOT NULL,
        restricted boolean NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        refunded_amount bigint NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
        received_on date NOT NULL,
        receipt_preference text NOT NULL CHECK (receipt_preference IN ('PER_GIFT', 'ANNUAL', 'NONE')),
        monthly_gift_id uuid,
        donor_name_kanji text NOT NULL,
        donor_name_kana text,
        donor_email text,
        donor_postal_code text,
        donor_address text,
        language text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX receipt_gifts_book_received_idx ON receipt_gifts (book_id, received_on, donation_id)`);
    await q.query(`CREATE INDEX receipt_gifts_annual_idx ON receipt_gifts (book_id, donor_id, received_on) WHERE receipt_preference = 'ANNUAL'`);
    await q.query(`ALTER TABLE receipts ADD COLUMN lines jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`CREATE INDEX receipts_book_issued_idx ON receipts (book_id, issued_on, id)`);
    await q.query(`CREATE INDEX receipts_source_idx ON receipts (source_type, source_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX receipts_source_idx`);
    await q.query(`DROP INDEX receipts_book_issued_idx`);
    await q.query(`ALTER TABLE receipts DROP COLUMN lines`);
    await q.query(`DROP TABLE receipt_gifts`);
  }
}
