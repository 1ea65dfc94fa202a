import { Injectable } from '@nestjs/common';
import { PreparedStatements, TransactionService } from '#core';
import type { AccountType } from './chart.js';
import type { ChainRef } from './chains.js';
import type { JournalSource, Side } from './posting.js';

export interface EntryRow {
  id: string;
  bookId: string;
  /** The other book of its chain; null: the book's own chain (stored so, see chains.ts). */
  chainWith: string | null;
  seq: bigint;
  entryDate: string;
  requestedDate: string;
  source: JournalSource;
  sourceId: string;
  idempotencyKey: string;
  memo: string;
  currency: string;
  reversesEntryId: string | null;
  createdBy: string | null;
  prevHash: string;
  hash: string;
}

/** An entry as listed: with when it was posted (the journal's order within a date). */
export interface ListedEntryRow extends EntryRow {
  createdAt: string;
}

/** Where a journal listing stopped: the last entry's (date, posted at, seq, id). */
export interface JournalCursor {
  entryDate: string;
  createdAt: string;
  seq: bigint;
  id: string;
}

export interface ChainHeadRow extends ChainRef {
  lastSeq: bigint;
  lastHash: string;
}

export interface LineRow {
  entryId: string;
  bookId: string;
  entryDate: string;
  lineNo: number;
  accountId: string;
  side: Side;
  amount: bigint;
  counterpartyBookId: string | null;
  fundCode: string | null;
  memo: string | null;
}

export interface ChartEntry {
  id: string;
  type: AccountType;
}

export interface StoredLine extends LineRow {
  accountCode: string;
}

const keyOf = (bookId: string, key: string) => `${bookId}\u0000${key}`;

const ENTRY_COLUMNS = `id, book_id, chain_with, seq::text, entry_date::text, requested_date::text, source, source_id, idempotency_key, memo,
              currency, reverses_entry_id, created_by, prev_hash, hash`;

/**
 * The SQL of posting: set-based, one statement per step whatever the batch size
 * (arrays unnested in PostgreSQL), all in the caller's transaction.
 */
@Injectable()
export class JournalRepository {
  constructor(
    private readonly tx: TransactionService,
    private readonly statements: PreparedStatements,
  ) {}

  /** Every posting statement is named (prepared once per connection): a few fixed shapes, run for every payment. */
  private query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.statements.rows<T>(sql, params);
  }

  /** Locks the heads of these chains, in (book, other book) order (no deadlock between two batches); those that exist. */
  async lockChainHeads(chains: ChainRef[]): Promise<ChainHeadRow[]> {
    const rows = await this.query<{ book_id: string; chain_with: string; last_seq: string; last_hash: string }>(
      `SELECT h.book_id, h.chain_with, h.last_seq, h.last_hash
         FROM ledger_chain_heads h JOIN unnest($1::uuid[], $2::uuid[]) AS c(book_id, chain_with) USING (book_id, chain_with)
        ORDER BY h.book_id, h.chain_with FOR UPDATE OF h`,
      [chains.map((c) => c.bookId), chains.map((c) => c.chainWith)],
    );
    return rows.map((r) => ({ bookId: r.book_id, chainWith: r.chain_with, lastSeq: BigInt(r.last_seq), lastHash: r.last_hash }));
  }

  /**
   * Locks a book against new entries until the caller commits (a month's close or reopen): FOR UPDATE of its
   * books row, which every entry's foreign key holds FOR KEY SHARE until its transaction commits. So the close
   * waits for the transactions that have written entries into the book, and an entry written after it waits
   * for the close's commit and is then checked against the month closed (journal_entries_in_open_period) —
   * in every chain of the book, also one started meanwhile (a chain's head row does not exist before its first
   * entry, so locking the heads there are would not hold it).
   */
  async lockBookAgainstEntries(bookId: string): Promise<void> {
    await this.query(`SELECT 1 FROM books WHERE id = $1 FOR UPDATE`, [bookId]);
  }

  /** Starts these chains (a book's first entry with another book; a book inserted other than by BookService.openBook). */
  async startChains(chains: ChainRef[], genesisHash: string): Promise<void> {
    await this.query(
      `INSERT INTO ledger_chain_heads (book_id, chain_with, last_seq, last_hash)
       SELECT c.book_id, c.chain_with, 0, $3 FROM unnest($1::uuid[], $2::uuid[]) AS c(book_id, chain_with)
         JOIN books b ON b.id = c.book_id
       ON CONFLICT DO NOTHING`,
      [chains.map((c) => c.bookId), chains.map((c) => c.chainWith), genesisHash],
    );
  }

  /** Entries already posted under these (book, idempotency key) pairs, keyed by `keyOf`. */
  async existingKeys(pairs: { bookId: string; idempotencyKey: string }[]): Promise<Map<string, { id: string; entryDate: string }>> {
    const rows = await this.query<{ id: string; book_id: string; idempotency_key: string; entry_date: string }>(
      `SELECT e.id, e.book_id, e.idempotency_key, e.entry_date::text AS entry_date
         FROM unnest($1::uuid[], $2::text[]) AS k(book_id, idempotency_key)
         JOIN journal_entries e ON e.book_id = k.book_id AND e.idempotency_key = k.idempotency_key`,
      [pairs.map((p) => p.bookId), pairs.map((p) => p.idempotencyKey)],
    );
    return new Map(rows.map((r) => [keyOf(r.book_id, r.idempotency_key), { id: r.id, entryDate: r.entry_date }]));
  }

  static key = keyOf;

  /**
   * What a post reads before it locks anything, in ONE statement: each book's currency, the charts of
   * `chartBookIds` (code → account; the others' are known to the caller), and the closed months
   * (YYYY-MM-01) from `fromMonth` on. A book absent from the result does not exist.
   */
  async postingContext(
    bookIds: string[],
    fromMonth: string,
    chartBookIds: string[],
  ): Promise<Map<string, { currency: string; chart: Map<string, ChartEntry> | null; closed: Set<string> }>> {
    const rows = await this.query<{ id: string; currency: string; chart: [string, string, AccountType][] | null; closed: string[] }>(
      `SELECT b.id, b.currency,
              CASE WHEN b.id = ANY($3::uuid[]) THEN
                (SELECT COALESCE(json_agg(json_build_array(a.id, a.code, a.type)), '[]'::json) FROM accounts a WHERE a.book_id = b.id) END AS chart,
              ARRAY(SELECT p.month::text FROM ledger_periods p WHERE p.book_id = b.id AND p.status = 'CLOSED' AND p.month >= $2::date) AS closed
         FROM books b WHERE b.id = ANY($1::uuid[])`,
      [bookIds, fromMonth, chartBookIds],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        { currency: r.currency, chart: r.chart ? new Map(r.chart.map(([id, code, type]) => [code, { id, type }])) : null, closed: new Set(r.closed) },
      ]),
    );
  }

  /** Which of these entries a reversal already points at. */
  async reversed(entryIds: string[]): Promise<Set<string>> {
    if (entryIds.length === 0) return new Set();
    const rows = await this.query<{ reverses_entry_id: string }>(
      `SELECT reverses_entry_id FROM journal_entries WHERE reverses_entry_id = ANY($1::uuid[])`,
      [entryIds],
    );
    return new Set(rows.map((r) => r.reverses_entry_id));
  }

  /**
   * Writes a batch in ONE statement: the entries, their lines and the books' chain heads moved
   * forward (data-modifying CTEs; the lines' foreign keys and the ledger's triggers are checked at
   * the statement's end, when all three are in). One round trip while the chain heads are locked.
   */
  async writeBatch(rows: EntryRow[], lines: LineRow[], heads: ChainHeadRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.query(
      `WITH e AS (
         INSERT INTO journal_entries (id, book_id, seq, entry_date, requested_date, source, source_id, idempotency_key, memo,
                                      currency, reverses_entry_id, created_by, prev_hash, hash, chain_with)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::date[], $5::date[], $6::text[], $7::text[], $8::text[],
                              $9::text[], $10::text[], $11::uuid[], $12::uuid[], $13::text[], $14::text[], $28::uuid[])
         RETURNING 1
       ), l AS (
         INSERT INTO journal_lines (entry_id, book_id, entry_date, line_no, account_id, side, amount, counterparty_book_id, fund_code, memo)
         SELECT * FROM unnest($15::uuid[], $16::uuid[], $17::date[], $18::smallint[], $19::uuid[], $20::text[], $21::bigint[], $22::uuid[],
                              $23::text[], $24::text[])
         RETURNING 1
       ), h AS (
         UPDATE ledger_chain_heads h SET last_seq = v.seq, last_hash = v.hash
           FROM unnest($25::uuid[], $29::uuid[], $26::bigint[], $27::text[]) AS v(book_id, chain_with, seq, hash)
          WHERE h.book_id = v.book_id AND h.chain_with = v.chain_with
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM e) AS entries, (SELECT count(*) FROM l) AS lines, (SELECT count(*) FROM h) AS heads`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.bookId),
        rows.map((r) => r.seq.toString()),
        rows.map((r) => r.entryDate),
        rows.map((r) => r.requestedDate),
        rows.map((r) => r.source),
        rows.map((r) => r.sourceId),
        rows.map((r) => r.idempotencyKey),
        rows.map((r) => r.memo),
        rows.map((r) => r.currency),
        rows.map((r) => r.reversesEntryId),
        rows.map((r) => r.createdBy),
        rows.map((r) => r.prevHash),
        rows.map((r) => r.hash),
        lines.map((r) => r.entryId),
        lines.map((r) => r.bookId),
        lines.map((r) => r.entryDate),
        lines.map((r) => r.lineNo),
        lines.map((r) => r.accountId),
        lines.map((r) => r.side),
        lines.map((r) => r.amount.toString()),
        lines.map((r) => r.counterpartyBookId),
        lines.map((r) => r.fundCode),
        lines.map((r) => r.memo),
        heads.map((h) => h.bookId),
        heads.map((h) => h.lastSeq.toString()),
        heads.map((h) => h.lastHash),
        rows.map((r) => r.chainWith),
        heads.map((h) => h.chainWith),
      ],
    );
  }

  /** An entry with its lines (and their account codes), or null. */
  async entryWithLines(entryId: string): Promise<{ entry: EntryRow; lines: StoredLine[] } | null> {
    const entries = await this.query<Record<string, string | null>>(
      `SELECT ${ENTRY_COLUMNS} FROM journal_entries WHERE id = $1`,
      [entryId],
    );
    if (entries.length === 0) return null;
    const lines = await this.linesOf([entryId]);
    return { entry: toEntryRow(entries[0]), lines: lines.get(entryId) ?? [] };
  }

  /**
   * A book's entries dated from..to (inclusive) in date, then posting order (posted at, chain position, id),
   * after `after`, at most `limit`.
   */
  async entriesBetween(bookId: string, from: string, to: string, after: JournalCursor | null, limit: number): Promise<ListedEntryRow[]> {
    const rows = await this.query<Record<string, string | null>>(
      `SELECT ${ENTRY_COLUMNS}, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at
         FROM journal_entries e
        WHERE e.book_id = $1 AND e.entry_date BETWEEN $2 AND $3
          AND ($4::date IS NULL OR (e.entry_date, e.created_at, e.seq, e.id) > ($4::date, $5::timestamptz, $6::bigint, $7::uuid))
        ORDER BY e.entry_date, e.created_at, e.seq, e.id LIMIT $8`,
      [bookId, from, to, after?.entryDate ?? null, after?.createdAt ?? null, after?.seq.toString() ?? null, after?.id ?? null, limit],
    );
    return rows.map((r) => ({ ...toEntryRow(r), createdAt: r.created_at! }));
  }

  /** A chain's entries after `afterSeq` in chain order, at most `limit` (the verifier's batches). */
  async chainSlice(chain: ChainRef, afterSeq: bigint, limit: number): Promise<EntryRow[]> {
    const rows = await this.query<Record<string, string | null>>(
      `SELECT ${ENTRY_COLUMNS}
         FROM journal_entries e WHERE e.book_id = $1 AND COALESCE(e.chain_with, e.book_id) = $2 AND e.seq > $3 ORDER BY e.seq LIMIT $4`,
      [chain.bookId, chain.chainWith, afterSeq.toString(), limit],
    );
    return rows.map(toEntryRow);
  }

  /** The head rows of every chain (of one book). Chains with entries and no head row: chainsWithoutHeads. */
  async chainHeads(bookId?: string): Promise<ChainHeadRow[]> {
    const rows = await this.query<{ book_id: string; chain_with: string; last_seq: string; last_hash: string }>(
      `SELECT book_id, chain_with, last_seq::text, last_hash FROM ledger_chain_heads
        WHERE $1::uuid IS NULL OR book_id = $1 ORDER BY book_id, chain_with`,
      [bookId ?? null],
    );
    return rows.map((r) => ({ bookId: r.book_id, chainWith: r.chain_with, lastSeq: BigInt(r.last_seq), lastHash: r.last_hash }));
  }

  /**
   * Chains that have entries but no head row (a head removed behind the ledger's back), so that the verifier
   * checks their entries too. Reads every entry's chain: for the verifier only.
   */
  async chainsWithoutHeads(bookId?: string): Promise<ChainRef[]> {
    const rows = await this.query<{ book_id: string; chain_with: string }>(
      `SELECT DISTINCT e.book_id, COALESCE(e.chain_with, e.book_id) AS chain_with FROM journal_entries e
        WHERE ($1::uuid IS NULL OR e.book_id = $1)
          AND NOT EXISTS (SELECT 1 FROM ledger_chain_heads h WHERE h.book_id = e.book_id AND h.chain_with = COALESCE(e.chain_with, e.book_id))`,
      [bookId ?? null],
    );
    return rows.map((r) => ({ bookId: r.book_id, chainWith: r.chain_with }));
  }

  /** Lines of many entries in one query, in line order. */
  async linesOf(entryIds: string[]): Promise<Map<string, StoredLine[]>> {
    const rows = await this.query<Record<string, string | number | null>>(
      `SELECT l.entry_id, l.book_id, l.entry_date::text AS entry_date, l.line_no, l.account_id, a.code AS account_code, l.side,
              l.amount::text AS amount, l.counterparty_book_id, l.fund_code, l.memo
         FROM journal_lines l JOIN accounts a ON a.id = l.account_id
        WHERE l.entry_id = ANY($1::uuid[])
        ORDER BY l.entry_id, l.line_no`,
      [entryIds],
    );
    const out = new Map<string, StoredLine[]>();
    for (const r of rows) {
      const line: StoredLine = {
        entryId: r.entry_id as string,
        bookId: r.book_id as string,
        entryDate: r.entry_date as string,
        lineNo: Number(r.line_no),
        accountId: r.account_id as string,
        accountCode: r.account_code as string,
        side: r.side as Side,
        amount: BigInt(r.amount as string),
        counterpartyBookId: (r.counterparty_book_id as string | null) ?? null,
        fundCode: (r.fund_code as string | null) ?? null,
        memo: (r.memo as string | null) ?? null,
      };
      const list = out.get(line.entryId) ?? [];
      list.push(line);
      out.set(line.entryId, list);
    }
    return out;
  }
}

export function toEntryRow(r: Record<string, string | null>): EntryRow {
  return {
    id: r.id!,
    bookId: r.book_id!,
    chainWith: r.chain_with ?? null,
    seq: BigInt(r.seq!),
    entryDate: r.entry_date!,
    requestedDate: r.requested_date!,
    source: r.source as JournalSource,
    sourceId: r.source_id!,
    idempotencyKey: r.idempotency_key!,
    memo: r.memo!,
    currency: r.currency!,
    reversesEntryId: r.reverses_entry_id ?? null,
    createdBy: r.created_by ?? null,
    prevHash: r.prev_hash!,
    hash: r.hash!,
  };
}
