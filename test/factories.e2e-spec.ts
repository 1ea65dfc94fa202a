import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AccountCode, BookService, LedgerQueries } from '#ledger';
import { closePeriod, createBranch, createMemberWithInvoice, createPlan, postJournalEntry, recordPayment } from '#testing';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';

/** The factories of #testing build what production builds: the same services, the same side effects. */
describe('test factories', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ now: new Date('2026-06-15T03:00:00Z') });
  });
  afterAll(() => checkThenClose(t, ledgerBalances));

  it('a plan, a member with an invoice and a cash payment: the invoice is paid, the membership active, the cash in the branch book', async () => {
    const branch = await createBranch(t.app);
    const plan = await createPlan(t.app);
    const joined = await createMemberWithInvoice(t.app, { branchId: branch.id, planId: plan.id });
    expect(joined.invoice).toMatchObject({ amount: 12_000n, status: 'OPEN' });
    const { payment } = await recordPayment(t.app, { memberId: joined.memberId, amount: 12_000n, receivedOn: '2026-06-15', invoiceIds: [joined.invoice.id] });
    expect(payment.branchId).toBe(branch.id);
    const [invoice] = await t.db.query(`SELECT status FROM dues_invoices WHERE id = $1`, [joined.invoice.id]);
    const [membership] = await t.db.query(`SELECT status FROM memberships WHERE id = $1`, [joined.membership.id]);
    expect({ invoice: invoice.status, membership: membership.status }).toEqual({ invoice: 'PAID', membership: 'ACTIVE' });
    const book = await t.app.get(BookService).bookForBranch(branch.id);
    expect(await t.app.get(LedgerQueries).balance({ bookId: book.id, accountCode: AccountCode.Cash })).toBe(12_000n);
  });

  it('a journal entry posted into a closed month moves to the next open one', async () => {
    const branch = await createBranch(t.app);
    const book = await t.app.get(BookService).bookForBranch(branch.id);
    await closePeriod(t.app, book.id, '2026-05');
    const posted = await postJournalEntry(t.app, { bookId: book.id, entryDate: '2026-05-20', amount: 500n });
    expect(posted).toMatchObject({ created: true, entryDate: '2026-06-01' });
  });
});
