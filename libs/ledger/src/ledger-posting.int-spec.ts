import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { AppError } from '#core';
import { countQueries, unbalancedJournalEntries } from '#testing';
import type { Book } from './book.entity.js';
import { AccountCode, STANDARD_CHART } from './chart.js';
import type { JournalPosting } from './posting.js';
import { LedgerKit } from './testing/ledger-kit.js';

// Against real PostgreSQL on a shared 2-core machine: generous, never asserted.
jest.setTimeout(60_000);

let k: LedgerKit;
let book: Book;
let other: Book;
let n = 0;

/** A dues invoice: receivable against income. */
function invoice(bookId: string, amount: bigint, over: Partial<JournalPosting> = {}): JournalPosting {
  n++;
  return {
    bookId,
    entryDate: '2025-05-10',
    source: 'INVOICE',
    sourceId: `inv-${n}`,
    idempotencyKey: `invoice:${n}`,
    memo: '会費請求 / dues invoice',
    lines: [
      { accountCode: AccountCode.DuesReceivable, side: 'DEBIT', amount },
      { accountCode: AccountCode.DuesIncome, side: 'CREDIT', amount },
    ],
    ...over,
  };
}

const entryCount = async (bookId: string) => Number((await k.db.query(`SELECT count(*) FROM journal_entries WHERE book_id = $1`, [bookId]))[0].count);
const lineCount = async () => Number((await k.db.query(`SELECT count(*) FROM journal_lines`))[0].count);

async function rejection(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

beforeAll(async () => {
  k = await LedgerKit.start();
  book = await k.branchBook('TKY');
  other = await k.branchBook('OSK');
});
afterAll(async () => {
  try {
    expect(await unbalancedJournalEntries(k.db)).toEqual([]);
  } finally {
    await k.close();
  }
});

describe('books', () => {
  it('a new book gets the standard chart, Japanese and English names, once however often it is opened', async () => {
    const again = await k.books.openBook({ kind: book.kind, branchId: book.branchId, nameJa: 'x', nameEn: 'x' });
    expect(again.id).toBe(book.id);
    const accounts = await k.db.query(`SELECT code, type, name_ja, name_en, standard FROM accounts WHERE book_id = $1 ORDER BY code`, [book.id]);
    expect(accounts).toHaveLength(STANDARD_CHART.length);
    expect(accounts.find((a: { code: string }) => a.code === AccountCode.DuesReceivable)).toEqual({
      code: '1400',
      type: 'ASSET',
      name_ja: '未収会費',
      name_en: 'Dues receivable',
      standard: true,
    });
  });

  it('a book inserted by hand gets its chart and chain when opened, and posts', async () => {
    const branchId = await k.branchRow('RAW');
    const [raw] = await k.db.query(`INSERT INTO books (kind, branch_id, name_ja, name_en) VALUES ('BRANCH', $1, 'R', 'R') RETURNING id`, [branchId]);
    const opened = await k.books.openBook({ kind: book.kind, branchId, nameJa: 'x', nameEn: 'x' });
    expect(opened.id).toBe(raw.id);
    expect((await k.posting.post(invoice(raw.id, 1n))).created).toBe(true);
  });

  it('a chain head only moves forward and cannot be removed', async () => {
    await expect(k.db.query(`UPDATE ledger_chain_heads SET last_seq = 0 WHERE book_id = $1`, [book.id])).rejects.toThrow(/only moves forward/);
    await expect(k.db.query(`DELETE FROM ledger_chain_heads WHERE book_id = $1`, [book.id])).rejects.toThrow(/only moves forward/);
  });

  it('ensureCentralBooks opens the federation and foundation books once, even called concurrently', async () => {
    const [a, b] = await Promise.all([k.books.ensureCentralBooks(), k.books.ensureCentralBooks()]);
    expect(a.federation.id).toBe(b.federation.id);
    expect(a.foundation.id).toBe(b.foundation.id);
    expect((await k.books.federationBook()).id).toBe(a.federation.id);
    const [{ count }] = await k.db.query(`SELECT count(*) FROM books WHERE kind <> 'BRANCH'`);
    expect(Number(count)).toBe(2);
  });
});

describe('posting', () => {
  it('posts an entry and the balance follows from its lines (debit-positive)', async () => {
    const posted = await k.posting.post(invoice(book.id, 3000n));
    expect(posted).toEqual({ entryId: expect.any(String), created: true, entryDate: '2025-05-10' });
    expect(await k.queries.balance({ bookId: book.id, accountCode: AccountCode.DuesReceivable })).toBe(3000n);
    expect(await k.queries.balance({ bookId: book.id, accountCode: AccountCode.DuesIncome })).toBe(-3000n);
    expect(await k.queries.balance({ bookId: book.id, accountCode: AccountCode.DuesReceivable, asOf: '2025-05-09' })).toBe(0n);
  });

  it('posting the same business event twice posts it once', async () => {
    const p = invoice(book.id, 1000n);
    const first = await k.posting.post(p);
    const second = await k.posting.post({ ...p });
    expect(second).toEqual({ ...first, created: false });
    expect(Number((await k.db.query(`SELECT count(*) FROM journal_entries WHERE idempotency_key = $1`, [p.idempotencyKey]))[0].count)).toBe(1);
  }, 30_000);

  it('the same key in two books is two events', async () => {
    const a = await k.posting.post(invoice(book.id, 10n, { idempotencyKey: 'shared-key' }));
    const b = await k.posting.post(invoice(other.id, 10n, { idempotencyKey: 'shared-key' }));
    expect(a.created && b.created).toBe(true);
    expect(a.entryId).not.toBe(b.entryId);
  });

  it('ten concurrent posts of one event give one entry', async () => {
    const p = invoice(book.id, 500n);
    const results = await Promise.all(Array.from({ length: 10 }, () => k.posting.post({ ...p })));
    expect(new Set(results.map((r) => r.entryId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(Number((await k.db.query(`SELECT count(*) FROM journal_entries WHERE idempotency_key = $1`, [p.idempotencyKey]))[0].count)).toBe(1);
  }, 30_000);

  it('concurrent posts of different events to one book all land, chained in sequence', async () => {
    const before = await entryCount(book.id);
    await Promise.all(Array.from({ length: 12 }, () => k.posting.post(invoice(book.id, 7n))));
    expect(await entryCount(book.id)).toBe(before + 12);
    expect((await k.verifier.verify({ bookId: book.id })).findings).toEqual([]);
  }, 30_000);

  it('due-from / due-to lines name the other book and balance per counterparty', async () => {
    await k.posting.post({
      ...invoice(book.id, 0n),
      source: 'PAYMENT',
      lines: [
        { accountCode: AccountCode.Bank, side: 'DEBIT', amount: 1000n },
        { accountCode: AccountCode.DuesReceivable, side: 'CREDIT', amount: 1000n },
        { accountCode: AccountCode.DuesIncome, side: 'DEBIT', amount: 300n },
        { accountCode: AccountCode.DueToOtherBooks, side: 'CREDIT', amount: 300n, counterpartyBookId: other.id },
      ],
    });
    expect(await k.queries.balance({ bookId: book.id, accountCode: AccountCode.DueToOtherBooks, counterpartyBookId: other.id })).toBe(-300n);
    expect(await k.queries.balancesByCounterparty(book.id, AccountCode.DueToOtherBooks)).toEqual([{ counterpartyBookId: other.id, balance: -300n }]);
    expect(await k.queries.balancesByCounterparty(book.id, AccountCode.DueToOtherBooks, { to: '2025-05-01' })).toEqual([]);
  });

  it('restricted donation income carries its fund', async () => {
    await k.posting.post({
      ...invoice(other.id, 0n),
      source: 'DONATION',
      lines: [
        { accountCode: AccountCode.Bank, side: 'DEBIT', amount: 9000n },
        { accountCode: AccountCode.DonationIncomeRestricted, side: 'CREDIT', amount: 9000n, fundCode: 'CARE-TRAINING' },
      ],
    });
    expect(await k.queries.balance({ bookId: other.id, accountCode: AccountCode.DonationIncomeRestricted, fundCode: 'CARE-TRAINING' })).toBe(-9000n);
  });
});

describe('bad postings change nothing', () => {
  const cases: [string, (b: Book) => JournalPosting, string, string][] = [
    ['a zero amount', (b) => invoice(b.id, 0n), 'lines.0.amount', 'INVALID_AMOUNT'],
    ['a negative amount', (b) => invoice(b.id, -5n), 'lines.0.amount', 'INVALID_AMOUNT'],
    [
      'debits and credits that differ',
      (b) => ({ ...invoice(b.id, 100n), lines: [{ accountCode: '1400', side: 'DEBIT', amount: 100n }, { accountCode: '4100', side: 'CREDIT', amount: 99n }] }),
      'lines',
      'UNBALANCED_ENTRY',
    ],
    ['a single line', (b) => ({ ...invoice(b.id, 100n), lines: [{ accountCode: '1400', side: 'DEBIT', amount: 100n }] }), 'lines', 'TOO_FEW_LINES'],
    [
      'an account code the book lacks',
      (b) => ({ ...invoice(b.id, 100n), lines: [{ accountCode: '1400', side: 'DEBIT', amount: 100n }, { accountCode: '9999', side: 'CREDIT', amount: 100n }] }),
      'lines.1.accountCode',
      'UNKNOWN_ACCOUNT',
    ],
    ['another currency than the book’s', (b) => invoice(b.id, 100n, { currency: 'USD' }), 'currency', 'CURRENCY_MISMATCH'],
    ['a date that does not exist', (b) => invoice(b.id, 100n, { entryDate: '2025-02-30' }), 'entryDate', 'INVALID_DATE'],
    [
      'a due-to line without the other book',
      (b) => ({ ...invoice(b.id, 100n), lines: [{ accountCode: '1200', side: 'DEBIT', amount: 100n }, { accountCode: '2200', side: 'CREDIT', amount: 100n }] }),
      'lines.1.counterpartyBookId',
      'COUNTERPARTY_REQUIRED',
    ],
    [
      'restricted income without a fund',
      (b) => ({ ...invoice(b.id, 100n), lines: [{ accountCode: '1200', side: 'DEBIT', amount: 100n }, { accountCode: '4300', side: 'CREDIT', amount: 100n }] }),
      'lines.1.fundCode',
      'FUND_REQUIRED',
    ],
  ];
  it.each(cases)('%s is BAD_USER_INPUT naming the field', async (_, make, field, reason) => {
    const entries = await entryCount(book.id);
    const lines = await lineCount();
    const error = await rejection(k.posting.post(make(book)));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.reason).toBe(reason);
    expect(error.fields[0].field).toBe(field);
    expect(await entryCount(book.id)).toBe(entries);
    expect(await lineCount()).toBe(lines);
  });

  it('a batch with one bad posting writes none, and names it', async () => {
    const lines = await lineCount();
    const error = await rejection(k.posting.postMany([invoice(book.id, 5n), invoice(book.id, 0n)]));
    expect(error.fields[0].field).toBe('postings.1.lines.0.amount');
    expect(await lineCount()).toBe(lines);
  });
});

describe('the database keeps the books honest by itself', () => {
  it('refuses at commit an entry whose debits and credits differ', async () => {
    const [{ id: accountId }] = await k.db.query(`SELECT id FROM accounts WHERE book_id = $1 AND code = '1100'`, [book.id]);
    const attempt = k.db.transaction(async (m) => {
      const [e] = await m.query(
        `INSERT INTO journal_entries (book_id, seq, entry_date, requested_date, source, source_id, idempotency_key, memo, currency, prev_hash, hash)
         VALUES ($1, 999999, '2025-05-01', '2025-05-01', 'MANUAL', 'x', 'sql-unbalanced', 'x', 'JPY', 'x', 'x') RETURNING id`,
        [book.id],
      );
      await m.query(
        `INSERT INTO journal_lines (entry_id, book_id, entry_date, line_no, account_id, side, amount) VALUES
           ($1, $2, '2025-05-01', 1, $3, 'DEBIT', 100), ($1, $2, '2025-05-01', 2, $3, 'CREDIT', 90)`,
        [e.id, book.id, accountId],
      );
    });
    await expect(attempt).rejects.toThrow(/does not balance/);
    expect((await k.db.query(`SELECT count(*) FROM journal_entries WHERE idempotency_key = 'sql-unbalanced'`))[0].count).toBe('0');
  });

  it('refuses UPDATE and DELETE of posted lines and entries', async () => {
    const { entryId } = await k.posting.post(invoice(book.id, 42n));
    await expect(k.db.query(`UPDATE journal_lines SET amount = 1 WHERE entry_id = $1`, [entryId])).rejects.toThrow(/append-only/);
    await expect(k.db.query(`DELETE FROM journal_lines WHERE entry_id = $1`, [entryId])).rejects.toThrow(/append-only/);
    await expect(k.db.query(`UPDATE journal_entries SET memo = 'x' WHERE id = $1`, [entryId])).rejects.toThrow(/append-only/);
    await expect(k.db.query(`DELETE FROM journal_entries WHERE id = $1`, [entryId])).rejects.toThrow(/append-only/);
    expect((await k.db.query(`SELECT sum(amount)::int AS s FROM journal_lines WHERE entry_id = $1`, [entryId]))[0].s).toBe(84);
  });
});

describe('reversal', () => {
  it('posts the opposite entry pointing at the original, once per key; a second reversal is a conflict', async () => {
    const fresh = await k.branchBook();
    const original = await k.posting.post(invoice(fresh.id, 3000n));
    const request = { idempotencyKey: `reverse:${original.entryId}`, entryDate: '2025-06-01', memo: '請求取消 / invoice voided' };
    const reversal = await k.posting.reverse(original.entryId, request);
    expect(reversal).toMatchObject({ created: true, entryDate: '2025-06-01' });
    expect(await k.posting.reverse(original.entryId, request)).toEqual({ ...reversal, created: false });
    expect(await k.queries.balance({ bookId: fresh.id, accountCode: AccountCode.DuesReceivable })).toBe(0n);
    expect(await k.queries.balance({ bookId: fresh.id, accountCode: AccountCode.DuesReceivable, asOf: '2025-05-31' })).toBe(3000n);
    const [row] = await k.db.query(`SELECT reverses_entry_id, source FROM journal_entries WHERE id = $1`, [reversal.entryId]);
    expect(row).toEqual({ reverses_entry_id: original.entryId, source: 'INVOICE' });
    const error = await rejection(k.posting.reverse(original.entryId, { ...request, idempotencyKey: 'another' }));
    expect(error.reason).toBe('ENTRY_ALREADY_REVERSED');
  });

  it('reversing an unknown entry is NOT_FOUND', async () => {
    const error = await rejection(k.posting.reverse('00000000-0000-4000-8000-000000000000', { idempotencyKey: 'x', entryDate: '2025-06-01', memo: 'x' }));
    expect(error.code).toBe('NOT_FOUND');
  });
});

describe('closed periods', () => {
  it('a late business item goes to the first day of the next open month; a manual entry there is refused', async () => {
    const fresh = await k.branchBook();
    await k.db.query(`INSERT INTO ledger_periods (book_id, month, status) VALUES ($1, '2025-04-01', 'CLOSED'), ($1, '2025-05-01', 'CLOSED')`, [fresh.id]);
    const late = await k.posting.post(invoice(fresh.id, 100n, { entryDate: '2025-04-20' }));
    expect(late.entryDate).toBe('2025-06-01');
    const [row] = await k.db.query(`SELECT entry_date::text, requested_date::text FROM journal_entries WHERE id = $1`, [late.entryId]);
    expect(row).toEqual({ entry_date: '2025-06-01', requested_date: '2025-04-20' });
    const before = await entryCount(fresh.id);
    const error = await rejection(k.posting.post(invoice(fresh.id, 100n, { entryDate: '2025-05-31', source: 'MANUAL' }), { fieldPrefix: 'input.' }));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERIOD_CLOSED' });
    expect(error.fields[0].field).toBe('input.entryDate');
    expect(await entryCount(fresh.id)).toBe(before);
  });

  it('a book’s currency and closed months are kept between posts, and a month closed by anyone (here plain SQL) is followed once PostgreSQL announces it', async () => {
    const fresh = await k.branchBook();
    expect((await k.posting.post(invoice(fresh.id, 100n, { entryDate: '2025-07-10' }))).entryDate).toBe('2025-07-10'); // its months read and kept
    const counter = countQueries(k.db);
    expect((await k.posting.post(invoice(fresh.id, 100n, { entryDate: '2025-07-10' }))).entryDate).toBe('2025-07-10');
    counter.stop();
    expect(counter.work.some((s) => /FROM books b /.test(s.replace(/\s+/g, ' ')))).toBe(false); // not read again

    await k.db.query(`INSERT INTO ledger_periods (book_id, month, status) VALUES ($1, '2025-07-01', 'CLOSED')`, [fresh.id]);
    // Until the announcement arrives the kept months are stale, and the database refuses the entry (the guard either way).
    let posted: string | null = null;
    for (let attempt = 0; attempt < 40 && posted === null; attempt++) {
      posted = await k.posting.post(invoice(fresh.id, 100n, { entryDate: '2025-07-20' })).then(
        (p) => p.entryDate,
        () => null,
      );
      if (posted === null) await new Promise((r) => setTimeout(r, 50));
    }
    expect(posted).toBe('2025-08-01');
  });
});

describe('postMany', () => {
  it('posts 10,000 entries over three books in one batch: all balance, all chained, replays post nothing', async () => {
    const books = [await k.branchBook(), await k.branchBook(), await k.branchBook()];
    const postings = Array.from({ length: 10_000 }, (_, i) => invoice(books[i % 3].id, BigInt(1000 + (i % 7)), { idempotencyKey: `bulk:${i}` }));
    const posted = await k.posting.postMany(postings);
    expect(posted).toHaveLength(10_000);
    expect(posted.every((p) => p.created)).toBe(true);
    const total = postings.reduce((s, p) => s + p.lines[0].amount, 0n);
    const receivable = await Promise.all(books.map((b) => k.queries.balance({ bookId: b.id, accountCode: AccountCode.DuesReceivable })));
    expect(receivable.reduce((a, b) => a + b, 0n)).toBe(total);
    expect(await unbalancedJournalEntries(k.db)).toEqual([]);
    for (const b of books) expect(await k.verifier.verify({ bookId: b.id, batchSize: 777 })).toEqual({ entriesChecked: expect.any(Number), findings: [] });

    const again = await k.posting.postMany([...postings.slice(0, 50), invoice(books[0].id, 5n, { idempotencyKey: 'bulk:new' })]);
    expect(again.slice(0, 50).map((p) => p.entryId)).toEqual(posted.slice(0, 50).map((p) => p.entryId));
    expect(again.filter((p) => p.created)).toHaveLength(1);
  }, 120_000);

  it('a key twice in one batch posts once', async () => {
    const p = invoice(book.id, 9n);
    const [a, b] = await k.posting.postMany([p, { ...p }]);
    expect(b).toEqual({ ...a, created: false });
  });
});

describe('tamper evidence', () => {
  it('the verifier names the entry whose line was altered behind the triggers', async () => {
    const fresh = await k.branchBook();
    const posted = await k.posting.postMany(Array.from({ length: 30 }, () => invoice(fresh.id, 100n)));
    expect((await k.verifier.verify({ bookId: fresh.id })).findings).toEqual([]);
    const victim = posted[17].entryId;
    await k.db.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(`UPDATE journal_lines SET amount = 1000000 WHERE entry_id = $1 AND line_no = 1`, [victim]);
    });
    const result = await k.verifier.verify({ batchSize: 7 });
    expect(result.findings).toEqual([{ bookId: fresh.id, chainWith: null, entryId: victim, seq: '18', problem: 'CONTENT_ALTERED' }]);
    await k.db.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(`UPDATE journal_lines SET amount = 100 WHERE entry_id = $1 AND line_no = 1`, [victim]);
    });
    expect((await k.verifier.verify()).findings).toEqual([]);
  }, 120_000);
});
