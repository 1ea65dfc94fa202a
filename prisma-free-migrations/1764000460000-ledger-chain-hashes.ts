import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The chain's hashes computed in PostgreSQL, under the chain-head lock, by the journal write itself
 * (JournalRepository.writeChained in #ledger): `ledger_chain_hashes(h0, texts)` gives, for each canonical text in
 * order (ordinal 1…n), its previous hash and its hash — h_i = hex(sha256(h_(i-1) || E'\n' || text_i)) in UTF-8,
 * the formula of #ledger's entryHash (entry-hash.ts), so ledger:verify checks these entries as any other.
 * One pass over the array (FOREACH), whatever the number of entries of a book in one write.
 */
export class LedgerChainHashes1764000460000 implements MigrationInterface {
  name = 'LedgerChainHashes1764000460000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ledger_chain_hashes(start_hash text, texts text[]) RETURNS TABLE (ord int, prev_hash text, hash text)
      LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
      DECLARE
        t text;
        h text := start_hash;
        i int := 0;
      BEGIN
        FOREACH t IN ARRAY texts LOOP
          i := i + 1;
          ord := i;
          prev_hash := h;
          h := encode(sha256(convert_to(h || E'\\n' || t, 'UTF8')), 'hex');
          hash := h;
          RETURN NEXT;
        END LOOP;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS ledger_chain_hashes(text, text[])`);
  }
}
