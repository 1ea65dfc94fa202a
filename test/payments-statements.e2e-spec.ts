import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { countQueries } from '../libs/testing/src/query-counter.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, controlAccounts, ledgerBalances } from './support/check-then-close.js';
import { AccountCode, NOW, PaymentsWorld, RECORD, TODAY } from './support/payments-world.js';
import type { RecordPaymentInput } from './support/schema-types.js';

/** What one `recordPayment` costs the database, and how long it holds the books' chain heads (issue 7, "Money in, faster"). */
describe('recordPayment: statements per payment and the chain-head lock', () => {
  let t: TestApp;
  let w: PaymentsWorld;

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW });
    w = await PaymentsWorld.create(t);
  });
  afterAll(() => checkThenClose(t, ledgerBalances, controlAccounts));

  const cash = (m: { memberId: string; invoiceId: string }): RecordPaymentInput => ({
    memberId: m.memberId,
    method: 'CASH',
    amount: { amount: 12000, currency: 'JPY' },
    receivedOn: TODAY,
    allocations: [{ invoiceId: m.invoiceId }],
  });

  it('an ON_RECEIPT payment in full: 5 statements in one transaction (and the NOTIFY after it), the member not read; the audit event and the outbox row ride with the chain-head lock, held only for the journal write before COMMIT; both books posted', async () => {
    const branch = await w.branch();
    const first = await w.memberWithInvoice(branch.id);
    const second = await w.memberWithInvoice(branch.id);
    expect((await t.gql(RECORD, { input: cash(first) }, { token: branch.treasurer })).errors).toBeUndefined(); // the branch's book, charts and closed months now known
    const federationBookId = await w.federationBookId();
    const federationBefore = await w.balance(federationBookId, AccountCode.DueFromOtherBooks, branch.bookId);

    const counter = countQueries(t.db);
    const res = await t.gql(RECORD, { input: cash(second) }, { token: branch.treasurer });
    counter.stop();
    expect(res.errors).toBeUndefined();

    // 5 in the transaction and the outbox's NOTIFY after the commit; it was 8 + the NOTIFY before the audit and outbox INSERTs rode
    // with the lock and the books' closed months were kept between payments (pay8), and 17 + the NOTIFY (and a SET TRANSACTION)
    // before issue 7's cut.
    expect(counter.work.length).toBeLessThanOrEqual(6);
    expect(counter.work.some((s) => /FROM books b /.test(s.replace(/\s+/g, ' ')))).toBe(false); // the books' currency and closed months are known
    expect(counter.work.some((s) => /FROM "?members"? /.test(s))).toBe(false); // the invoices say the branch: the member is not read
    const statements = counter.statements.map((s) => s.replace(/\s+/g, ' ').trim());
    expect(statements.filter((s) => /^(START TRANSACTION|BEGIN)/i.test(s))).toHaveLength(1);
    expect(statements.some((s) => /^SET TRANSACTION/i.test(s))).toBe(false);
    const lock = statements.findIndex((s) => /FROM ledger_chain_heads .*FOR UPDATE/.test(s));
    expect(lock).toBeGreaterThan(0);
    // The deferred writes are in front of the lock: the invoice's outbox row (invoice.paid) and the audit event.
    expect(statements[lock]).toMatch(/^WITH rentai_deferred_1 AS \( ?INSERT INTO outbox .*rentai_deferred_2 AS \( ?INSERT INTO audit_events .*FROM ledger_chain_heads/);
    expect(statements.slice(lock + 1, lock + 3).map((s) => s.slice(0, 60))).toEqual([expect.stringMatching(/^WITH e AS \( INSERT INTO journal_entries/), 'COMMIT']);

    // And it is a payment like any other: the invoice paid, the payment row naming its (committed) entry, the federation's mirror.
    expect(await w.invoice(second.invoiceId)).toEqual({ status: 'PAID', paid: 12000, outstanding: 0 });
    const [payment] = await t.db.query(
      `SELECT p.posted_on::text AS posted_on, e.book_id, e.source_id FROM payments p JOIN journal_entries e ON e.id = p.journal_entry_id WHERE p.id = $1`,
      [res.data!.recordPayment.id],
    );
    expect(payment).toEqual({ posted_on: TODAY, book_id: branch.bookId, source_id: res.data!.recordPayment.id });
    expect(await w.balance(federationBookId, AccountCode.DueFromOtherBooks, branch.bookId)).toBe(federationBefore + 3600n);
    // What rode with the lock was written: the audit event of the payment and the invoice's invoice.paid event in the outbox.
    const audited = await t.db.query(`SELECT action, branch_id FROM audit_events WHERE entity_type = 'Payment' AND entity_id = $1`, [res.data!.recordPayment.id]);
    expect(audited).toEqual([{ action: 'payment.record', branch_id: branch.id }]);
    const events = await t.db.query(`SELECT job_name FROM outbox WHERE payload->>'event' = 'invoice.paid' AND payload->'payload'->>'invoiceId' = $1`, [second.invoiceId]);
    expect(events).toEqual([{ job_name: 'domain-event.deliver' }]);
  });
});
