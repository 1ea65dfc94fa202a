import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { unbalancedJournalEntries } from '#testing';
import type { Book } from './book.entity.js';
import { AccountCode } from './chart.js';
import type { JournalPosting } from './posting.js';
import { LedgerKit } from './testing/ledger-kit.js';

// Against real PostgreSQL on a shared 2-core machine: generous, never asserted.
jest.setTimeout(60_000);

/**
 * The rules PostgreSQL enforces by itself, tried in plain SQL as someone bypassing the ledger's
 * code would: each attempt is refused and leaves nothing behind; the ledger's own paths still work.
 */
let k: LedgerKit;
let seq = 900_000;

beforeAll(async () => {
  k = await LedgerKit.start();
});
afterAll(async () => {
  try {
    expect(await unbalancedJournalEntries(k.db)).toEqual([]);
  } finally {
    await k.close();
  }
});

function invoice(bookId: string, key: string, over: Partial<JournalPosting> = {}): JournalPosting {
  return {
    bookId,
    entryDate: '2025-05-10',
    source: 'INVOICE',
    sourceId: key,
    idempotencyKey: key,
    memo: '会費請求 / dues invoice',
    lines: [
      { accountCode: AccountCode.DuesReceivable, side: 'DEBIT', amount: 1000n },
      { accountCode: AccountCode.DuesIncome, side: 'CREDIT', amount: 1000n },
    ],
    ...over,
  };
}

async function accountId(book: Book, code: string): Promise<string> {
  const [row] = await k.db.query(`SELECT id FROM accounts WHERE book_id = $1 AND code = $2`, [book.id, code]);
  return row.id;
}

/** An entry row as raw SQL inserts it (the chain is not the point here). */
async function insertEntry(m: EntityManager, book: Book, date: string, key: string): Promise<string> {
  const [e] = await m.query(
    `INSERT INTO journal_entries (book_id, seq, entry_date, requested_date, source, source_id, idempotency_key, memo, currency, prev_hash, hash)
     VALUES ($1, $2, $3, $3, 'MANUAL', 'sql', $4, 'by hand', 'JPY', 'x', 'x') RETURNING id`,
    [book.id, seq++, date, key],
  );
  return e.id;
}

async function insertBalancedLines(m: EntityManager, book: Book, entryId: string, date: string, firstLineNo = 1): Promise<void> {
  const cash = await accountId(book, AccountCode.Cash);
  const bank = await accountId(book, AccountCode.Bank);
  await m.query(
    `INSERT INTO journal_lines (entry_id, book_id, entry_date, line_no, account_id, side, amount) VALUES
       ($1, $2, $3, $4, $5, 'DEBIT', 700), ($1, $2, $3, $4 + 1, $6, 'CREDIT', 700)`,
    [entryId, book.id, date, firstLineNo, bank, cash],
  );
}

const entriesKeyed = async (key: string) => Number((await k.db.query(`SELECT count(*) FROM journal_entries WHERE idempotency_key = $1`, [key]))[0].count);
const linesOf = async (entryId: string) => Number((await k.db.query(`SELECT count(*) FROM journal_lines WHERE entry_id = $1`, [entryId]))[0].count);

describe('PostgreSQL refuses what the ledger never writes', () => {
  it('a journal entry with no lines, at commit', async () => {
    const book = await k.branchBook();
    const attempt = k.db.transaction((m) => insertEntry(m, book, '2025-05-01', 'sql-no-lines'));
    await expect(attempt).rejects.toThrow(/has no lines/);
    expect(await entriesKeyed('sql-no-lines')).toBe(0);
  });

  it('balanced lines appended to an entry already committed', async () => {
    const book = await k.branchBook();
    const { entryId } = await k.posting.post(invoice(book.id, 'committed-1'));
    const attempt = k.db.transaction((m) => insertBalancedLines(m, book, entryId, '2025-05-10', 3));
    await expect(attempt).rejects.toThrow(/already posted/);
    expect(await linesOf(entryId)).toBe(2);
  });

  it('balanced lines appended to a committed entry of a month since closed', async () => {
    const book = await k.branchBook();
    const { entryId } = await k.posting.post(invoice(book.id, 'committed-2', { entryDate: '2025-04-10' }));
    await k.db.query(`INSERT INTO ledger_periods (book_id, month, status) VALUES ($1, '2025-04-01', 'CLOSED')`, [book.id]);
    const attempt = k.db.transaction((m) => insertBalancedLines(m, book, entryId, '2025-04-10', 3));
    await expect(attempt).rejects.toThrow(/already posted/);
    expect(await linesOf(entryId)).toBe(2);
  });

  it('an entry dated in a closed month, balanced or not; once reopened, the month takes it', async () => {
    const book = await k.branchBook();
    await k.db.query(`INSERT INTO ledger_periods (book_id, month, status) VALUES ($1, '2025-03-01', 'CLOSED')`, [book.id]);
    const post = (key: string) =>
      k.db.transaction(async (m) => {
        const id = await insertEntry(m, book, '2025-03-31', key);
        await insertBalancedLines(m, book, id, '2025-03-31');
      });
    await expect(post('sql-closed')).rejects.toThrow(/closed period/);
    expect(await entriesKeyed('sql-closed')).toBe(0);

    // What PeriodService.reopen does (a federation admin's act): the row's status goes back to OPEN.
    await k.db.query(`UPDATE ledger_periods SET status = 'OPEN' WHERE book_id = $1 AND month = '2025-03-01'`, [book.id]);
    await post('sql-reopened');
    expect(await entriesKeyed('sql-reopened')).toBe(1);
  });

  it('one bad entry in a bulk insert refuses the whole statement', async () => {
    const book = await k.branchBook();
    await k.db.query(`INSERT INTO ledger_periods (book_id, month, status) VALUES ($1, '2025-02-01', 'CLOSED')`, [book.id]);
    const attempt = k.db.query(
      `INSERT INTO journal_entries (book_id, seq, entry_date, requested_date, source, source_id, idempotency_key, memo, currency, prev_hash, hash)
       SELECT $1, 800000 + g, d, d, 'MANUAL', 'sql', 'sql-bulk-' || g, 'x', 'JPY', 'x', 'x'
         FROM generate_series(1, 50) g, LATERAL (SELECT CASE WHEN g = 37 THEN date '2025-02-14' ELSE date '2025-06-01' END AS d) x`,
      [book.id],
    );
    await expect(attempt).rejects.toThrow(/closed period/);
    expect(Number((await k.db.query(`SELECT count(*) FROM journal_entries WHERE idempotency_key LIKE 'sql-bulk-%'`))[0].count)).toBe(0);
  });

  it('deleting or truncating periods, and truncating the audit log', async () => {
    const book = await k.branchBook();
    await k.db.query(`INSERT INTO ledger_periods (book_id, month, status) VALUES ($1, '2025-01-01', 'CLOSED')`, [book.id]);
    await expect(k.db.query(`DELETE FROM ledger_periods WHERE book_id = $1`, [book.id])).rejects.toThrow(/reopen a period instead/);
    await expect(k.db.query(`TRUNCATE ledger_periods`)).rejects.toThrow(/reopen a period instead/);
    await k.db.query(
      `INSERT INTO audit_events (actor_user_id, actor_email, action, entity_type, entity_id) VALUES (gen_random_uuid(), 'a@test', 'x', 'X', '1')`,
    );
    await expect(k.db.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
    await expect(k.db.query(`TRUNCATE audit_events CASCADE`)).rejects.toThrow(/append-only/);
    expect(Number((await k.db.query(`SELECT count(*) FROM audit_events`))[0].count)).toBe(1);
    expect(Number((await k.db.query(`SELECT count(*) FROM ledger_periods WHERE book_id = $1`, [book.id]))[0].count)).toBe(1);
  });
});

describe('the ledger’s own paths still pass', () => {
  it('an entry and its lines in several statements of one transaction', async () => {
    const book = await k.branchBook();
    await k.db.transaction(async (m) => {
      const id = await insertEntry(m, book, '2025-05-02', 'sql-two-statements');
      await insertBalancedLines(m, book, id, '2025-05-02', 1);
      await insertBalancedLines(m, book, id, '2025-05-02', 3);
    });
    expect(await entriesKeyed('sql-two-statements')).toBe(1);
  });

  it('a late business item rolls forward past closed months, single and in bulk; reversal too', async () => {
    const book = await k.branchBook();
    await k.db.query(`INSERT INTO ledger_periods (book_id, month, status) VALUES ($1, '2025-04-01', 'CLOSED'), ($1, '2025-05-01', 'CLOSED')`, [book.id]);
    const single = await k.posting.post(invoice(book.id, 'late-1', { entryDate: '2025-04-20' }));
    expect(single.entryDate).toBe('2025-06-01');
    const bulk = await k.posting.postMany(Array.from({ length: 200 }, (_, i) => invoice(book.id, `late-bulk-${i}`, { entryDate: i % 2 ? '2025-05-31' : '2025-06-03' })));
    expect(new Set(bulk.map((p) => p.entryDate))).toEqual(new Set(['2025-06-01', '2025-06-03']));
    const reversal = await k.posting.reverse(single.entryId, { idempotencyKey: 'late-1:void', entryDate: '2025-05-15', memo: '取消 / void' });
    expect(reversal.entryDate).toBe('2025-06-01');
    expect((await k.verifier.verify({ bookId: book.id })).findings).toEqual([]);
  });
});
