import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A book's entries are chained in several hash chains instead of one: an entry between two books (its
 * inter-book lines, 1500/2200, all name one other book) is linked into the chain this book keeps with that
 * book; every other entry into the book's own chain. Why: every dues payment of every branch posts the
 * federation's share into the federation's book, and one chain head there was held across each payment's
 * commit by all branches in turn (4.88 ms per payment at 8 payers, a ceiling of about 205 payments per
 * second, bench/RESULTS.md). Now a branch's payments queue only behind that branch's; the entries are still
 * written in the payment's own transaction and each chain is as tamper-evident as the one it replaces.
 *
 * - `ledger_chain_heads` gets `chain_with` (the other book; the book itself for its own chain) and the key
 *   (book_id, chain_with). The existing heads become the books' own chains.
 * - `journal_entries.chain_with` is the other book, NULL for an entry of the book's own chain: every entry
 *   posted before this migration is one, so no posted row is rewritten (posted is final) and its hash, which
 *   covers its position, stays what it was. Seq is unique per chain.
 * - A book's journal is listed in date, then posting order (created_at, then the chain position and id), no
 *   longer in one seq that the chains do not share.
 */
export class LedgerChainsBetweenBooks1764000460000 implements MigrationInterface {
  name = 'LedgerChainsBetweenBooks1764000460000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger_chain_heads ADD COLUMN chain_with uuid REFERENCES books (id)`);
    // The heads only move forward (trigger): naming the own chain of the heads there are is not a move.
    await q.query(`ALTER TABLE ledger_chain_heads DISABLE TRIGGER ledger_chain_heads_forward_only`);
    await q.query(`UPDATE ledger_chain_heads SET chain_with = book_id`);
    await q.query(`ALTER TABLE ledger_chain_heads ENABLE TRIGGER ledger_chain_heads_forward_only`);
    await q.query(`ALTER TABLE ledger_chain_heads ALTER COLUMN chain_with SET NOT NULL`);
    await q.query(`ALTER TABLE ledger_chain_heads DROP CONSTRAINT ledger_chain_heads_pkey`);
    await q.query(`ALTER TABLE ledger_chain_heads ADD PRIMARY KEY (book_id, chain_with)`);
    await q.query(`
      CREATE OR REPLACE FUNCTION ledger_chain_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR NEW.last_seq <= OLD.last_seq OR NEW.book_id <> OLD.book_id OR NEW.chain_with <> OLD.chain_with THEN
          RAISE EXCEPTION 'a ledger chain head only moves forward' USING ERRCODE = 'P0001';
        END IF;
        RETURN NEW;
      END $$`);

    await q.query(`ALTER TABLE journal_entries ADD COLUMN chain_with uuid REFERENCES books (id)`);
    await q.query(`ALTER TABLE journal_entries ADD CONSTRAINT journal_entries_chain_with_check CHECK (chain_with <> book_id)`);
    await q.query(`CREATE UNIQUE INDEX journal_entries_chain_seq_key ON journal_entries (book_id, (COALESCE(chain_with, book_id)), seq)`);
    await q.query(`DROP INDEX journal_entries_book_seq_key`);
    await q.query(`CREATE INDEX journal_entries_book_posted_idx ON journal_entries (book_id, entry_date, created_at, seq, id)`);
    await q.query(`DROP INDEX journal_entries_book_date_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Only while every entry is still in its book's own chain (otherwise seq is not unique per book).
    await q.query(`CREATE INDEX journal_entries_book_date_idx ON journal_entries (book_id, entry_date, seq)`);
    await q.query(`DROP INDEX journal_entries_book_posted_idx`);
    await q.query(`CREATE UNIQUE INDEX journal_entries_book_seq_key ON journal_entries (book_id, seq)`);
    await q.query(`DROP INDEX journal_entries_chain_seq_key`);
    await q.query(`ALTER TABLE journal_entries DROP COLUMN chain_with`);
    await q.query(`
      CREATE OR REPLACE FUNCTION ledger_chain_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR NEW.last_seq <= OLD.last_seq OR NEW.book_id <> OLD.book_id THEN
          RAISE EXCEPTION 'a ledger chain head only moves forward' USING ERRCODE = 'P0001';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`ALTER TABLE ledger_chain_heads DROP CONSTRAINT ledger_chain_heads_pkey`);
    await q.query(`ALTER TABLE ledger_chain_heads ADD PRIMARY KEY (book_id)`);
    await q.query(`ALTER TABLE ledger_chain_heads DROP COLUMN chain_with`);
  }
}
