import type { DataSource } from 'typeorm';

/**
 * Shared assertion after each e2e file: every journal entry in every book balances.
 * Returns the unbalanced entries (none when the ledger is sound or not yet created).
 */
export async function unbalancedJournalEntries(db: DataSource): Promise<{ entry_id: string; debit: string; credit: string }[]> {
  const exists = await db.query(`SELECT to_regclass('journal_lines') IS NOT NULL AS ok`);
  if (!exists[0].ok) return [];
  return db.query(`
    SELECT entry_id,
           sum(CASE WHEN side = 'DEBIT' THEN amount ELSE 0 END)::text AS debit,
           sum(CASE WHEN side = 'CREDIT' THEN amount ELSE 0 END)::text AS credit
      FROM journal_lines GROUP BY entry_id
    HAVING sum(CASE WHEN side = 'DEBIT' THEN amount ELSE -amount END) <> 0`);
}
