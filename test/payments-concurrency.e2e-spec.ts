import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#auth';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { AccountCode, NOW, PaymentsWorld, RECORD, TODAY } from './support/payments-world.js';
import { gql } from './support/gql.js';
import type { RecordPaymentInput } from './support/schema-types.js';

const CREDIT = gql(`query PaymentsConcurrencyCredit($id: ID!) { memberCredit(memberId: $id) { available { amount } } }`);
const APPLY_CREDIT = gql(`mutation PaymentsConcurrencyApplyCredit($input: ApplyMemberCreditInput!) { applyMemberCredit(input: $input) { amount { amount } } }`);

describe('payments under concurrency', () => {
  let t: TestApp;
  let w: PaymentsWorld;

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW });
    w = await PaymentsWorld.create(t);
  });
  afterAll(() => checkThenClose(t, ledgerBalances));

  const transfer = (memberId: string, invoiceId: string, amount: number, over: Partial<RecordPaymentInput> = {}): RecordPaymentInput => ({
    memberId,
    method: 'BANK_TRANSFER',
    amount: { amount, currency: 'JPY' },
    receivedOn: TODAY,
    allocations: [{ invoiceId }],
    ...over,
  });

  it('two treasurers entering the same bank reference at once record it once; the other gets DUPLICATE_PAYMENT_REFERENCE', async () => {
    const branch = await w.branch();
    const second = (await t.signIn(Role.BRANCH_TREASURER, { branchIds: [branch.id] })).token;
    for (let round = 0; round < 5; round++) {
      const m = await w.memberWithInvoice(branch.id);
      const input = transfer(m.memberId, m.invoiceId, 12000, { reference: `FURIKOMI-${round}` });
      const results = await Promise.all([t.gql(RECORD, { input }, { token: branch.treasurer }), t.gql(RECORD, { input }, { token: second })]);
      const ok = results.filter((r) => !r.errors);
      const failed = results.filter((r) => r.errors);
      expect(ok).toHaveLength(1);
      expect(failed.map((r) => r.errors![0].extensions)).toEqual([expect.objectContaining({ code: 'CONFLICT', reason: 'DUPLICATE_PAYMENT_REFERENCE' })]);
      const rows = await t.db.query(`SELECT id FROM payments WHERE reference = $1`, [`FURIKOMI-${round}`]);
      expect(rows).toEqual([{ id: ok[0].data!.recordPayment.id }]);
      expect(await w.invoice(m.invoiceId)).toEqual({ status: 'PAID', paid: 12000, outstanding: 0 });
    }
  });

  it('an exact retry racing the first request (same idempotency key) returns the same payment', async () => {
    const branch = await w.branch();
    const m = await w.memberWithInvoice(branch.id);
    const input = transfer(m.memberId, m.invoiceId, 12000, { reference: 'RETRY-1', idempotencyKey: 'client-retry-0001' });
    const results = await Promise.all(Array.from({ length: 4 }, () => t.gql(RECORD, { input }, { token: branch.treasurer })));
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined, undefined]);
    expect(new Set(results.map((r) => r.data!.recordPayment.id)).size).toBe(1);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM payments WHERE member_id = $1`, [m.memberId]))[0].n).toBe(1);
  });

  /** `n` payments of `amount` at once against one new 12,000 yen invoice, without credit. */
  async function race(n: number, amount: number) {
    const branch = await w.branch();
    const m = await w.memberWithInvoice(branch.id);
    const results = await Promise.all(Array.from({ length: n }, () => t.gql(RECORD, { input: transfer(m.memberId, m.invoiceId, amount) }, { token: branch.treasurer })));
    const ok = results.filter((r) => !r.errors);
    const failures = results.filter((r) => r.errors).map((r) => [r.errors![0].extensions.code, r.errors![0].extensions.reason]);
    const [db] = await t.db.query(
      `SELECT count(*)::int AS payments, (SELECT coalesce(sum(amount), 0)::int FROM payment_allocations a WHERE a.invoice_id = $2) AS allocated
         FROM payments WHERE member_id = $1`,
      [m.memberId, m.invoiceId],
    );
    expect(ok.every((r) => r.data!.recordPayment.unallocated.amount === 0)).toBe(true);
    return { ok: ok.length, failures, invoice: await w.invoice(m.invoiceId), db, bank: await w.balance(branch.bookId, AccountCode.Bank) };
  }

  it('twenty payments of 1,000 yen at once against one 12,000 yen invoice: exactly twelve succeed, eight find it paid', async () => {
    const r = await race(20, 1000);
    expect(r.ok).toBe(12);
    expect(r.failures).toEqual(Array.from({ length: 8 }, () => ['CONFLICT', 'INVOICE_ALREADY_PAID']));
    expect(r.invoice).toEqual({ status: 'PAID', paid: 12000, outstanding: 0 });
    expect(r.db).toEqual({ payments: 12, allocated: 12000 });
    expect(r.bank).toBe(12000n);
  });

  it('twenty payments of 5,000 yen at once: exactly two succeed, the rest would over-pay the 2,000 left and are refused', async () => {
    const r = await race(20, 5000);
    expect(r.ok).toBe(2);
    expect(r.failures).toEqual(Array.from({ length: 18 }, () => ['BAD_USER_INPUT', 'OVERPAYMENT_NOT_ALLOWED']));
    expect(r.invoice).toEqual({ status: 'PARTIALLY_PAID', paid: 10000, outstanding: 2000 });
    expect(r.db).toEqual({ payments: 2, allocated: 10000 });
    expect(r.bank).toBe(10000n);
  });

  it('with allowCredit, twenty payments at once all succeed: the invoice takes exactly 12,000 and the rest is credit', async () => {
    const branch = await w.branch();
    const m = await w.memberWithInvoice(branch.id);
    const results = await Promise.all(Array.from({ length: 20 }, () => t.gql(RECORD, { input: transfer(m.memberId, m.invoiceId, 1000, { allowCredit: true }) }, { token: branch.treasurer })));
    expect(results.filter((r) => r.errors).map((r) => r.errors)).toEqual([]);
    expect(await w.invoice(m.invoiceId)).toEqual({ status: 'PAID', paid: 12000, outstanding: 0 });
    expect(results.reduce((s, r) => s + r.data!.recordPayment.unallocated.amount, 0)).toBe(8000);
    expect(await w.balance(branch.bookId, AccountCode.MemberCredit)).toBe(-8000n);
    const credit = await t.gql(CREDIT, { id: m.memberId }, { token: branch.treasurer });
    expect(credit.data!.memberCredit.available.amount).toBe(8000);
  });

  it('using the same credit twice at once pays once', async () => {
    const branch = await w.branch();
    const m = await w.memberWithInvoice(branch.id);
    await t.gql(RECORD, { input: { ...transfer(m.memberId, m.invoiceId, 5000, { allowCredit: true }), allocations: [] } }, { token: branch.treasurer });
    const apply = () =>
      t.gql(APPLY_CREDIT, { input: { memberId: m.memberId, invoiceIds: [m.invoiceId] } }, { token: branch.treasurer });
    const results = await Promise.all([apply(), apply(), apply()]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map((r) => r.errors![0].extensions.reason)).toEqual(['NO_CREDIT', 'NO_CREDIT']);
    expect(await w.invoice(m.invoiceId)).toEqual({ status: 'PARTIALLY_PAID', paid: 5000, outstanding: 7000 });
    expect(await w.balance(branch.bookId, AccountCode.MemberCredit)).toBe(0n);
  });
});
