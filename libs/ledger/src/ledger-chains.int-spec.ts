import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { unbalancedJournalEntries } from '#testing';
import type { Book } from './book.entity.js';
import { AccountCode } from './chart.js';
import type { JournalPosting } from './posting.js';
import { LedgerKit } from './testing/ledger-kit.js';

// Against real PostgreSQL on a shared 2-core machine: generous, never asserted.
jest.setTimeout(60_000);

let k: LedgerKit;
let federation: Book;
let east: Book;
let west: Book;
let n = 0;

/**
 * A dues payment as payments posts it: the branch's entry (bank / income / the federation's share owed)
 * and the federation's mirror (owed by the branch / income), in one postMany.
 */
function payment(branch: Book, amount = 3000n, share = 1000n): JournalPosting[] {
  n++;
  const common = { entryDate: '2025-06-10', source: 'PAYMENT' as const, sourceId: `pay-${n}`, memo: '会費入金 / dues received' };
  return [
    {
      ...common,
      bookId: branch.id,
      idempotencyKey: `payment:${n}`,
      lines: [
        { accountCode: AccountCode.Bank, side: 'DEBIT', amount },
        { accountCode: AccountCode.DuesIncome, side: 'CREDIT', amount: amount - share },
        { accountCode: AccountCode.DueToOtherBooks, side: 'CREDIT', amount: share, counterpartyBookId: federation.id },
      ],
    },
    {
      ...common,
      bookId: federation.id,
      idempotencyKey: `payment:${n}:federation`,
      lines: [
        { accountCode: AccountCode.DueFromOtherBooks, side: 'DEBIT', amount: share, counterpartyBookId: branch.id },
        { accountCode: AccountCode.DuesIncome, side: 'CREDIT', amount: share },
      ],
    },
  ];
}

/** A manual entry in one book, naming no other. */
function manual(book: Book): JournalPosting {
  n++;
  return {
    bookId: book.id,
    entryDate: '2025-06-10',
    source: 'MANUAL',
    sourceId: `manual-${n}`,
    idempotencyKey: `manual:${n}`,
    memo: '振替 / transfer',
    lines: [
      { accountCode: AccountCode.Bank, side: 'DEBIT', amount: 10n },
      { accountCode: AccountCode.Cash, side: 'CREDIT', amount: 10n },
    ],
  };
}

const chainOfEntry = async (entryId: string) =>
  (await k.db.query(`SELECT chain_with, seq::int AS seq FROM journal_entries WHERE id = $1`, [entryId]))[0] as { chain_with: string | null; seq: number };

/**
 * Runs `work` in a transaction that another one keeps a post open in: `holder` posts and waits until
 * `work` is done (or refused) before it commits. `work` runs with a lock timeout, so a wait for the
 * holder's chain head is a refusal (55P03), not a hang.
 */
async function whileHeld<T>(held: () => Promise<unknown>, work: () => Promise<T>): Promise<T> {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let holding!: () => void;
  const isHolding = new Promise<void>((r) => (holding = r));
  const holder = k.tx.run(async () => {
    await held();
    holding();
    await released;
  });
  await isHolding;
  try {
    return await k.tx.run(async (m) => {
      await m.query(`SET LOCAL lock_timeout = '1500ms'`);
      return work();
    });
  } finally {
    release();
    await holder;
  }
}

beforeAll(async () => {
  k = await LedgerKit.start();
  federation = await k.branchBook('CHFED');
  east = await k.branchBook('CHEAST');
  west = await k.branchBook('CHWEST');
});
afterAll(async () => {
  try {
    expect(await unbalancedJournalEntries(k.db)).toEqual([]);
  } finally {
    await k.close();
  }
});

describe('hash chains between books', () => {
  it('a payment’s two entries are chained with each other’s book; an entry naming no other book stays in its own chain', async () => {
    const [branchEntry, mirror] = await k.posting.postMany(payment(east));
    expect(await chainOfEntry(branchEntry.entryId)).toEqual({ chain_with: federation.id, seq: 1 });
    expect(await chainOfEntry(mirror.entryId)).toEqual({ chain_with: east.id, seq: 1 });
    const [second] = await k.posting.postMany(payment(east));
    expect(await chainOfEntry(second.entryId)).toEqual({ chain_with: federation.id, seq: 2 });
    const own = await k.posting.post(manual(federation));
    expect(await chainOfEntry(own.entryId)).toEqual({ chain_with: null, seq: 1 });
    expect((await k.verifier.verify()).findings).toEqual([]);
  });

  it('two branches’ payments do not wait for each other in the federation’s book; two of one branch do', async () => {
    // West pays while East's payment is posted and not yet committed: no wait.
    const [westEntry] = await whileHeld(
      () => k.posting.postMany(payment(east)),
      () => k.posting.postMany(payment(west)),
    );
    expect(westEntry.created).toBe(true);
    // A second East payment waits for the first East one's commit (its chains are the same): refused by the lock timeout here.
    const before = Number((await k.db.query(`SELECT count(*) FROM journal_entries WHERE book_id = $1`, [federation.id]))[0].count);
    await expect(
      whileHeld(
        () => k.posting.postMany(payment(east)),
        () => k.posting.postMany(payment(east)),
      ),
    ).rejects.toMatchObject({ code: '55P03' });
    // The held one committed, the refused one left nothing.
    expect(Number((await k.db.query(`SELECT count(*) FROM journal_entries WHERE book_id = $1`, [federation.id]))[0].count)).toBe(before + 1);
    // A manual entry in the federation's own chain does not wait for a branch's payment either.
    await whileHeld(
      () => k.posting.postMany(payment(east)),
      () => k.posting.post(manual(federation)),
    );
    expect((await k.verifier.verify()).findings).toEqual([]);
  });

  it('lockBooks of a branch and the federation (a settlement) holds what is between them and their own chains, not other branches', async () => {
    await whileHeld(
      () => k.posting.lockBooks([east.id, federation.id]),
      () => k.posting.postMany(payment(west)),
    );
    await expect(
      whileHeld(
        () => k.posting.lockBooks([east.id, federation.id]),
        () => k.posting.postMany(payment(east)),
      ),
    ).rejects.toMatchObject({ code: '55P03' });
    await expect(
      whileHeld(
        () => k.posting.lockBooks([east.id, federation.id]),
        () => k.posting.post(manual(federation)),
      ),
    ).rejects.toMatchObject({ code: '55P03' });
  });

  it('the verifier walks every chain: an altered entry between two books is named with its chain, a removed head too', async () => {
    const posted = await k.posting.postMany([...payment(west), ...payment(west), ...payment(west)]);
    const victim = posted[3].entryId; // the second payment's federation mirror
    const { seq } = await chainOfEntry(victim);
    await k.db.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(`UPDATE journal_lines SET amount = amount + 1 WHERE entry_id = $1`, [victim]);
    });
    expect((await k.verifier.verify({ batchSize: 2 })).findings).toEqual([
      { bookId: federation.id, chainWith: west.id, entryId: victim, seq: String(seq), problem: 'CONTENT_ALTERED' },
    ]);
    await k.db.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(`UPDATE journal_lines SET amount = amount - 1 WHERE entry_id = $1`, [victim]);
    });
    expect((await k.verifier.verify()).findings).toEqual([]);

    // A chain head removed behind the triggers: its entries are still walked, and the missing head is named.
    const [head] = await k.db.query(`SELECT * FROM ledger_chain_heads WHERE book_id = $1 AND chain_with = $2`, [west.id, federation.id]);
    await k.db.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(`DELETE FROM ledger_chain_heads WHERE book_id = $1 AND chain_with = $2`, [west.id, federation.id]);
    });
    const findings = (await k.verifier.verify()).findings;
    expect(findings).toEqual([expect.objectContaining({ bookId: west.id, chainWith: federation.id, problem: 'HEAD_MISMATCH' })]);
    await k.db.query(`INSERT INTO ledger_chain_heads (book_id, chain_with, last_seq, last_hash) VALUES ($1, $2, $3, $4)`, [
      head.book_id,
      head.chain_with,
      head.last_seq,
      head.last_hash,
    ]);
    expect((await k.verifier.verify()).findings).toEqual([]);
  });

  it('the database keeps one position per chain and an entry out of its own book’s chain name', async () => {
    const [entry] = await k.posting.postMany(payment(east));
    const row = (await k.db.query(`SELECT * FROM journal_entries WHERE id = $1`, [entry.entryId]))[0];
    // The same position in the same chain again is refused (the lines would be too; the entry alone shows it).
    await expect(
      k.db.query(
        `INSERT INTO journal_entries (book_id, chain_with, seq, entry_date, requested_date, source, source_id, idempotency_key, memo, currency, prev_hash, hash)
         VALUES ($1, $2, $3, '2025-06-10', '2025-06-10', 'PAYMENT', 'x', 'dup-seq', 'x', 'JPY', 'x', 'x')`,
        [row.book_id, row.chain_with, row.seq],
      ),
    ).rejects.toThrow(/journal_entries_chain_seq_key/);
    await expect(
      k.db.query(
        `INSERT INTO journal_entries (book_id, chain_with, seq, entry_date, requested_date, source, source_id, idempotency_key, memo, currency, prev_hash, hash)
         VALUES ($1, $1, 999, '2025-06-10', '2025-06-10', 'PAYMENT', 'x', 'self-chain', 'x', 'JPY', 'x', 'x')`,
        [row.book_id],
      ),
    ).rejects.toThrow(/journal_entries_chain_with_check/);
    await expect(k.db.query(`UPDATE ledger_chain_heads SET chain_with = book_id WHERE book_id = $1 AND chain_with = $2`, [east.id, federation.id])).rejects.toThrow(
      /only moves forward/,
    );
  });

  it('the journal lists a book’s entries of every chain in date, then posting order, in keyset batches', async () => {
    const book = await k.branchBook('CHLIST');
    const other = await k.branchBook('CHLIST2');
    n++;
    const mixed: JournalPosting[] = [manual(book), ...payment(book).slice(0, 1), manual(book), ...payment(book).slice(0, 1)].map((p, i) => ({
      ...p,
      entryDate: i % 2 ? '2025-06-11' : '2025-06-12',
      lines: p.lines.map((l) => (l.counterpartyBookId ? { ...l, counterpartyBookId: other.id } : l)),
    }));
    // Balanced branch entries only (the mirrors are left out: this is about one book's listing).
    await k.posting.postMany(mixed);
    const listed: string[] = [];
    for await (const batch of k.queries.journal(book.id, { from: '2025-06-01', to: '2025-06-30' }, 1)) listed.push(...batch.map((e) => e.entryDate));
    expect(listed).toEqual(['2025-06-11', '2025-06-11', '2025-06-12', '2025-06-12']);
  });
});
