import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A payment's row names its journal entry before the entry is written in the same transaction
 * (PaymentRecording.record writes the entries last, so the books' chain heads are locked only for
 * that write and the commit): the foreign key to journal_entries is checked at commit.
 */
export class PaymentEntryDeferred1764000340000 implements MigrationInterface {
  name = 'PaymentEntryDeferred1764000340000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payments ALTER CONSTRAINT payments_journal_entry_id_fkey DEFERRABLE INITIALLY DEFERRED`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payments ALTER CONSTRAINT payments_journal_entry_id_fkey NOT DEFERRABLE`);
  }
}
