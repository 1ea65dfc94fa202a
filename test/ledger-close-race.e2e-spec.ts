import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#auth';
import { ActorService } from '../libs/auth/src/actor.service.js';
import { TransactionService } from '#core';
import { AccountCode, LedgerPosting, PeriodService, type JournalPosting } from '#ledger';
import { createBranch } from '../libs/testing/src/factories/branch.factory.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { TestApp } from './support/test-app.js';

/**
 * A month's close against a post into a chain that did not exist yet (the first payment between a branch and
 * the federation): the post must not land in the month being closed. A book's chains are started by their first
 * entry, so the close cannot hold them by their head rows; it holds the book (libs/ledger/README.md).
 */
describe('closing a month while a new branch’s first payment posts into the federation’s book', () => {
  let t: TestApp;
  let federationBookId: string;
  let branchBookId: string;
  // A past month (a month is closed only once it has ended): two months before the test's today.
  const month = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 2, 1)).toISOString().slice(0, 10);
  const inMonth = `${month.slice(0, 8)}15`;

  beforeAll(async () => {
    t = await TestApp.start();
    const branch = await createBranch(t.app, { code: 'RACE' });
    const rows = (await t.db.query(`SELECT id, kind, branch_id FROM books WHERE kind = 'FEDERATION' OR branch_id = $1`, [branch.id])) as { id: string; kind: string }[];
    federationBookId = rows.find((b) => b.kind === 'FEDERATION')!.id;
    branchBookId = rows.find((b) => b.kind !== 'FEDERATION')!.id;
  }, 120_000);
  afterAll(() => checkThenClose(t, ledgerBalances));

  const payment = (): JournalPosting[] => [
    {
      bookId: branchBookId,
      entryDate: inMonth,
      source: 'PAYMENT',
      sourceId: 'race-1',
      idempotencyKey: 'payment:race-1',
      memo: '会費入金 / dues received',
      lines: [
        { accountCode: AccountCode.Bank, side: 'DEBIT', amount: 3000n },
        { accountCode: AccountCode.DuesIncome, side: 'CREDIT', amount: 2000n },
        { accountCode: AccountCode.DueToOtherBooks, side: 'CREDIT', amount: 1000n, counterpartyBookId: federationBookId },
      ],
    },
    {
      bookId: federationBookId,
      entryDate: inMonth,
      source: 'PAYMENT',
      sourceId: 'race-1',
      idempotencyKey: 'payment:race-1:federation',
      memo: '会費入金 / dues received',
      lines: [
        { accountCode: AccountCode.DueFromOtherBooks, side: 'DEBIT', amount: 1000n, counterpartyBookId: branchBookId },
        { accountCode: AccountCode.DuesIncome, side: 'CREDIT', amount: 1000n },
      ],
    },
  ];

  it('the post waits for the close and does not land in the closed month', async () => {
    const admin = await t.signIn(Role.FEDERATION_ADMIN);
    const actor = (await t.app.get(ActorService).load(admin.userId))!.actor;
    const tx = t.app.get(TransactionService);
    // No chain between the two books yet: the payment starts both.
    expect(await t.db.query(`SELECT 1 FROM ledger_chain_heads WHERE book_id = $1 AND chain_with = $2`, [federationBookId, branchBookId])).toEqual([]);

    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let closed!: () => void;
    const isClosed = new Promise<void>((r) => (closed = r));
    // The close, done and not yet committed.
    const closing = tx.run(async () => {
      await t.app.get(PeriodService).close(actor, federationBookId, month);
      closed();
      await released;
    });
    await isClosed;
    let settled = false;
    const posting = tx.run(() => t.app.get(LedgerPosting).postMany(payment())).then(
      (posted) => ((settled = true), posted),
      (error: unknown) => ((settled = true), error),
    );
    // Until the post is done or waits for a lock (it must wait: the close holds the federation's book).
    for (let i = 0; i < 100 && !settled; i++) {
      const [{ n }] = (await t.db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%journal_entries%'`,
      )) as { n: number }[];
      if (n > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(settled).toBe(false);
    release();
    await closing;
    await posting;
    // Whatever became of the post (refused by the database, as a post whose month closed under it is), nothing is
    // dated in the month the federation closed.
    const inClosed = await t.db.query(`SELECT id FROM journal_entries WHERE book_id = $1 AND date_trunc('month', entry_date) = $2::date`, [federationBookId, month]);
    expect(inClosed).toEqual([]);
  }, 60_000);
});
