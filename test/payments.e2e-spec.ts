import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#auth';
import { closePeriod } from '#testing';
import { gql } from './support/gql.js';
import type { RecordPaymentInput } from './support/schema-types.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, controlAccounts, ledgerBalances } from './support/check-then-close.js';
import { AccountCode, NOW, PaymentsWorld, RECORD, TODAY, VOID } from './support/payments-world.js';

const CREDIT = gql(`query PaymentsMemberCredit($id: ID!) { memberCredit(memberId: $id) { available { amount currency } paymentIds } }`);
const APPLY_CREDIT = gql(`mutation PaymentsApplyMemberCredit($input: ApplyMemberCreditInput!) { applyMemberCredit(input: $input) { paymentId invoiceId amount { amount } source } }`);
const LIST = gql(`query PaymentsOfBranch($b: ID) { payments(filter: { branchId: $b }) { edges { node { id } } } }`);

describe('recording payments (treasurers, cash and bank transfer)', () => {
  let t: TestApp;
  let w: PaymentsWorld;
  let tokyo: Awaited<ReturnType<PaymentsWorld['branch']>>;

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW });
    w = await PaymentsWorld.create(t);
    tokyo = await w.branch();
  });
  afterAll(() => checkThenClose(t, ledgerBalances, controlAccounts));

  const cash = (memberId: string, invoiceId: string | null, amount: number, extra: Partial<RecordPaymentInput> = {}): RecordPaymentInput => ({
    memberId,
    method: 'CASH',
    amount: { amount, currency: 'JPY' },
    receivedOn: TODAY,
    allocations: invoiceId ? [{ invoiceId }] : [],
    ...extra,
  });

  it('cash in full (ON_RECEIPT, the default): the invoice is PAID, the membership ACTIVE; the branch book has the cash, its income and what it owes the federation; the federation book the mirror; audited', async () => {
    const m = await w.memberWithInvoice(tokyo.id);
    const federationBookId = await w.federationBookId();
    const federationIncomeBefore = await w.balance(federationBookId, AccountCode.DuesIncome);
    expect(await w.balance(tokyo.bookId, AccountCode.DuesReceivable)).toBe(0n); // issuing posted nothing
    const res = await t.gql(RECORD, { input: cash(m.memberId, m.invoiceId, 12000, { reference: 'R-0001', memo: '窓口で受領' }) }, { token: tokyo.treasurer });
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordPayment).toMatchObject({
      branchId: tokyo.id,
      memberId: m.memberId,
      method: 'CASH',
      reference: 'R-0001',
      status: 'RECORDED',
      receivedOn: TODAY,
      postedOn: TODAY,
      amount: { amount: 12000, currency: 'JPY' },
      fee: { amount: 0 },
      unallocated: { amount: 0 },
      allocations: [{ invoiceId: m.invoiceId, amount: { amount: 12000 }, source: 'PAYMENT', released: false }],
    });
    expect(await w.invoice(m.invoiceId)).toEqual({ status: 'PAID', paid: 12000, outstanding: 0 });
    expect(await w.membershipStatus(m.membershipId)).toBe('ACTIVE');
    expect(await w.balance(tokyo.bookId, AccountCode.Cash)).toBe(12000n);
    expect(await w.balance(tokyo.bookId, AccountCode.DuesReceivable)).toBe(0n);
    expect(await w.balance(tokyo.bookId, AccountCode.DuesIncome)).toBe(-8400n);
    expect(await w.balance(tokyo.bookId, AccountCode.DueToOtherBooks, federationBookId)).toBe(-3600n);
    expect(await w.balance(federationBookId, AccountCode.DueFromOtherBooks, tokyo.bookId)).toBe(3600n);
    expect(await w.balance(federationBookId, AccountCode.DuesIncome)).toBe(federationIncomeBefore - 3600n);
    const [audit] = await t.db.query(`SELECT action, branch_id, actor_user_id FROM audit_events WHERE entity_id = $1`, [res.data!.recordPayment.id]);
    expect(audit).toEqual({ action: 'payment.record', branch_id: tokyo.id, actor_user_id: tokyo.treasurerUserId });
  });

  it('cash in full in an ACCRUAL book (set by a federation admin): the payment clears the receivable the invoice accrued', async () => {
    const branch = await w.branch();
    await w.recognition('ACCRUAL', branch.bookId);
    const m = await w.memberWithInvoice(branch.id);
    expect(await w.balance(branch.bookId, AccountCode.DuesReceivable)).toBe(12000n);
    expect(await w.balance(branch.bookId, AccountCode.DuesIncome)).toBe(-8400n);
    const res = await t.gql(RECORD, { input: cash(m.memberId, m.invoiceId, 12000) }, { token: branch.treasurer });
    expect(res.errors).toBeUndefined();
    expect(await w.balance(branch.bookId, AccountCode.Cash)).toBe(12000n);
    expect(await w.balance(branch.bookId, AccountCode.DuesReceivable)).toBe(0n);
    expect(await w.balance(branch.bookId, AccountCode.DuesIncome)).toBe(-8400n);
    const federationBookId = await w.federationBookId();
    expect(await w.balance(federationBookId, AccountCode.DueFromOtherBooks, branch.bookId)).toBe(3600n);
    const [row] = await t.db.query(`SELECT recognition FROM dues_invoices WHERE id = $1`, [m.invoiceId]);
    expect(row.recognition).toBe('ACCRUAL');
  });

  it('part payments of an ON_RECEIPT invoice give the federation exactly its share once paid in full', async () => {
    const branch = await w.branch();
    const m = await w.memberWithInvoice(branch.id);
    const federationBookId = await w.federationBookId();
    for (const amount of [1, 4999, 7000]) {
      const res = await t.gql(RECORD, { input: cash(m.memberId, m.invoiceId, amount) }, { token: branch.treasurer });
      expect(res.errors).toBeUndefined();
    }
    expect(await w.invoice(m.invoiceId)).toEqual({ status: 'PAID', paid: 12000, outstanding: 0 });
    expect(await w.balance(branch.bookId, AccountCode.DuesIncome)).toBe(-8400n);
    expect(await w.balance(branch.bookId, AccountCode.DueToOtherBooks, federationBookId)).toBe(-3600n);
    expect(await w.balance(federationBookId, AccountCode.DueFromOtherBooks, branch.bookId)).toBe(3600n);
  });

  it('a short bank transfer leaves the invoice PARTIALLY_PAID and the membership PENDING; the fee is an expense out of the bank', async () => {
    const branch = await w.branch();
    const m = await w.memberWithInvoice(branch.id);
    const res = await t.gql(
      RECORD,
      { input: { ...cash(m.memberId, m.invoiceId, 5000), method: 'BANK_TRANSFER' as const, fee: 330, reference: 'ﾔﾏﾀﾞ ﾀﾛｳ 0615' } },
      { token: branch.treasurer },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordPayment.allocations).toEqual([{ invoiceId: m.invoiceId, amount: { amount: 5000 }, source: 'PAYMENT', released: false }]);
    expect(await w.invoice(m.invoiceId)).toEqual({ status: 'PARTIALLY_PAID', paid: 5000, outstanding: 7000 });
    expect(await w.membershipStatus(m.membershipId)).toBe('PENDING');
    expect(await w.balance(branch.bookId, AccountCode.Bank)).toBe(5000n - 330n);
    expect(await w.balance(branch.bookId, AccountCode.PaymentFees)).toBe(330n);
  });

  it('more than the invoice is refused unless allowCredit; with it, the rest becomes member credit', async () => {
    const branch = await w.branch();
    const m = await w.memberWithInvoice(branch.id);
    const refused = await t.gql(RECORD, { input: cash(m.memberId, m.invoiceId, 15000) }, { token: branch.treasurer });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OVERPAYMENT_NOT_ALLOWED', fields: [{ field: 'input.amount.amount' }] });
    expect(await w.invoice(m.invoiceId)).toMatchObject({ paid: 0 });

    const res = await t.gql(RECORD, { input: cash(m.memberId, m.invoiceId, 15000, { allowCredit: true }) }, { token: branch.treasurer });
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordPayment.unallocated).toEqual({ amount: 3000 });
    expect(await w.balance(branch.bookId, AccountCode.MemberCredit)).toBe(-3000n);
    const credit = await t.gql(CREDIT, { id: m.memberId }, { token: branch.treasurer });
    expect(credit.data!.memberCredit).toEqual({ available: { amount: 3000, currency: 'JPY' }, paymentIds: [res.data!.recordPayment.id] });
  });

  it('member credit pays a later invoice when applied, oldest credit first, with its own journal entry', async () => {
    const branch = await w.branch();
    const m = await w.memberWithInvoice(branch.id);
    // A prepayment with no invoice yet: all credit.
    const pre = await t.gql(RECORD, { input: cash(m.memberId, null, 8000, { allowCredit: true }) }, { token: branch.treasurer });
    expect(pre.data!.recordPayment.unallocated).toEqual({ amount: 8000 });
    const applied = await t.gql(
      APPLY_CREDIT,
      { input: { memberId: m.memberId, invoiceIds: [m.invoiceId] } },
      { token: branch.treasurer },
    );
    expect(applied.errors).toBeUndefined();
    expect(applied.data!.applyMemberCredit).toEqual([{ paymentId: pre.data!.recordPayment.id, invoiceId: m.invoiceId, amount: { amount: 8000 }, source: 'CREDIT' }]);
    expect(await w.invoice(m.invoiceId)).toEqual({ status: 'PARTIALLY_PAID', paid: 8000, outstanding: 4000 });
    expect(await w.balance(branch.bookId, AccountCode.MemberCredit)).toBe(0n);
    const [audit] = await t.db.query(`SELECT action, branch_id FROM audit_events WHERE entity_type = 'MemberCredit' AND entity_id = $1`, [m.memberId]);
    expect(audit).toMatchObject({ action: 'payment.applyCredit', branch_id: branch.id });

    // The rest in cash: paid in full, the membership active.
    await t.gql(RECORD, { input: cash(m.memberId, m.invoiceId, 4000) }, { token: branch.treasurer });
    expect(await w.invoice(m.invoiceId)).toMatchObject({ status: 'PAID' });
    expect(await w.membershipStatus(m.membershipId)).toBe('ACTIVE');
    const none = await t.gql(
      APPLY_CREDIT,
      { input: { memberId: m.memberId, invoiceIds: [m.invoiceId] } },
      { token: branch.treasurer },
    );
    expect(none.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_CREDIT' });
  });

  it("member credit refuses another member's invoice on its field (in Japanese too) and an unknown one; a paid invoice takes nothing; nothing changes", async () => {
    const m = await w.memberWithInvoice(tokyo.id);
    const stranger = await w.memberWithInvoice(tokyo.id);
    const pre = await t.gql(RECORD, { input: cash(m.memberId, null, 5000, { allowCredit: true }) }, { token: tokyo.treasurer });
    expect(pre.errors).toBeUndefined();
    const apply = (invoiceIds: string[], locale: 'ja' | 'en' = 'en') => t.gql(APPLY_CREDIT, { input: { memberId: m.memberId, invoiceIds } }, { token: tokyo.treasurer, locale });

    const theirs = await apply([m.invoiceId, stranger.invoiceId]);
    expect(theirs.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVOICE_OF_ANOTHER_MEMBER', fields: [{ field: 'input.invoiceIds.1' }] });
    expect(theirs.errors?.[0].message).toContain('This invoice belongs to another member');
    expect((await apply([stranger.invoiceId], 'ja')).errors?.[0].message).toContain('この請求書は別の会員のものです');
    const unknown = await apply([m.invoiceId, '00000000-0000-4000-8000-000000000000']);
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'INVOICE_NOT_FOUND' });

    // Their own invoice paid in cash: it takes nothing from the credit (NO_CREDIT).
    await t.gql(RECORD, { input: cash(m.memberId, m.invoiceId, 12000) }, { token: tokyo.treasurer });
    expect((await apply([m.invoiceId])).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_CREDIT' });
    const credit = await t.gql(CREDIT, { id: m.memberId }, { token: tokyo.treasurer });
    expect(credit.data!.memberCredit.available).toEqual({ amount: 5000, currency: 'JPY' });
    expect(await w.invoice(stranger.invoiceId)).toEqual({ status: 'OPEN', paid: 0, outstanding: 12000 });
  });

  it('voiding a payment reopens the invoice, steps the membership back, reverses the entries and releases the credit', async () => {
    const branch = await w.branch();
    const m = await w.memberWithInvoice(branch.id);
    const paid = await t.gql(RECORD, { input: cash(m.memberId, m.invoiceId, 13000, { allowCredit: true, fee: 100 }) }, { token: branch.treasurer });
    expect(await w.membershipStatus(m.membershipId)).toBe('ACTIVE');
    const id = paid.data!.recordPayment.id;

    const res = await t.gql(VOID, { id, reason: '二重計上 / entered twice' }, { token: branch.treasurer });
    expect(res.errors).toBeUndefined();
    expect(res.data!.voidPayment).toMatchObject({ status: 'VOIDED', voidReason: '二重計上 / entered twice', unallocated: { amount: 0 }, allocations: [{ released: true }] });
    expect(await w.invoice(m.invoiceId)).toEqual({ status: 'OPEN', paid: 0, outstanding: 12000 });
    expect(await w.membershipStatus(m.membershipId)).not.toBe('ACTIVE');
    for (const code of [AccountCode.Cash, AccountCode.MemberCredit, AccountCode.PaymentFees]) expect(await w.balance(branch.bookId, code)).toBe(0n);
    for (const code of [AccountCode.DuesIncome, AccountCode.DueToOtherBooks]) expect(await w.balance(branch.bookId, code)).toBe(0n);
    expect(await w.balance(await w.federationBookId(), AccountCode.DueFromOtherBooks, branch.bookId)).toBe(0n);
    // ON_RECEIPT: the payment posted in the branch book and the federation's mirror; both are reversed.
    const [reversal] = await t.db.query(`SELECT count(*)::int AS n FROM journal_entries WHERE source_id = $1 AND reverses_entry_id IS NOT NULL`, [id]);
    expect(reversal.n).toBe(2);
    const credit = await t.gql(CREDIT, { id: m.memberId }, { token: branch.treasurer });
    expect(credit.data!.memberCredit.available.amount).toBe(0);

    const again = await t.gql(VOID, { id, reason: 'again' }, { token: branch.treasurer });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'PAYMENT_ALREADY_VOIDED' });
    const audits = await t.db.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`, [id]);
    expect(audits.map((a: { action: string }) => a.action)).toEqual(['payment.record', 'payment.void']);
  });

  it('voiding a payment whose credit paid another invoice takes that back too', async () => {
    const branch = await w.branch();
    const m = await w.memberWithInvoice(branch.id);
    const pre = await t.gql(RECORD, { input: cash(m.memberId, null, 12000, { allowCredit: true }) }, { token: branch.treasurer });
    await t.gql(APPLY_CREDIT, { input: { memberId: m.memberId, invoiceIds: [m.invoiceId] } }, { token: branch.treasurer });
    expect(await w.invoice(m.invoiceId)).toMatchObject({ status: 'PAID' });
    await t.gql(VOID, { id: pre.data!.recordPayment.id, reason: 'bounced' }, { token: branch.treasurer });
    expect(await w.invoice(m.invoiceId)).toEqual({ status: 'OPEN', paid: 0, outstanding: 12000 });
    for (const code of [AccountCode.Cash, AccountCode.MemberCredit, AccountCode.DuesIncome, AccountCode.DueToOtherBooks]) expect(await w.balance(branch.bookId, code)).toBe(0n);
    expect(await w.balance(await w.federationBookId(), AccountCode.DueFromOtherBooks, branch.bookId)).toBe(0n);
  });

  it('a retry with the same idempotency key returns the first payment; the same key with other content is a conflict', async () => {
    const branch = await w.branch();
    const m = await w.memberWithInvoice(branch.id);
    const input = cash(m.memberId, m.invoiceId, 12000, { idempotencyKey: 'treasurer-form-0001' });
    const first = await t.gql(RECORD, { input }, { token: branch.treasurer });
    const retry = await t.gql(RECORD, { input }, { token: branch.treasurer });
    expect(retry.errors).toBeUndefined();
    expect(retry.data!.recordPayment).toEqual(first.data!.recordPayment);
    const other = await t.gql(RECORD, { input: { ...input, amount: { amount: 11000, currency: 'JPY' } } }, { token: branch.treasurer });
    expect(other.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
    expect(Number((await t.db.query(`SELECT count(*) FROM payments WHERE member_id = $1`, [m.memberId]))[0].count)).toBe(1);
  });

  it('a payment dated in a closed month is posted on the first day of the next open month (the ledger rolls it forward)', async () => {
    const branch = await w.branch();
    const m = await w.memberWithInvoice(branch.id);
    await closePeriod(t.app, branch.bookId, '2026-05');
    const res = await t.gql(RECORD, { input: cash(m.memberId, m.invoiceId, 12000, { receivedOn: '2026-05-28' }) }, { token: branch.treasurer });
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordPayment).toMatchObject({ receivedOn: '2026-05-28', postedOn: '2026-06-01' });
    // The branch's entry (its May is closed); the federation's mirror keeps the date, its own May being open.
    const entries = await t.db.query(
      `SELECT book_id = $2 AS branch_book, entry_date::text, requested_date::text FROM journal_entries WHERE source_id = $1 ORDER BY 1 DESC`,
      [res.data!.recordPayment.id, branch.bookId],
    );
    expect(entries).toEqual([
      { branch_book: true, entry_date: '2026-06-01', requested_date: '2026-05-28' },
      { branch_book: false, entry_date: '2026-05-28', requested_date: '2026-05-28' },
    ]);
  });

  it('an auditor reads payments but cannot record one', async () => {
    const m = await w.memberWithInvoice(tokyo.id);
    const auditor = (await t.signIn(Role.AUDITOR)).token;
    const res = await t.gql(RECORD, { input: cash(m.memberId, m.invoiceId, 12000) }, { token: auditor });
    expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const list = await t.gql(LIST, { b: tokyo.id }, { token: auditor });
    expect(list.errors).toBeUndefined();
    expect(list.data!.payments.edges.length).toBeGreaterThan(0);
  });

  it('a reference taken by a voided payment can be entered again (the correction of a mistake)', async () => {
    const branch = await w.branch();
    const m = await w.memberWithInvoice(branch.id);
    const first = await t.gql(RECORD, { input: cash(m.memberId, m.invoiceId, 1200, { reference: 'R-9' }) }, { token: branch.treasurer });
    const duplicate = await t.gql(RECORD, { input: cash(m.memberId, m.invoiceId, 12000, { reference: 'R-9' }) }, { token: branch.treasurer });
    expect(duplicate.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_PAYMENT_REFERENCE' });
    await t.gql(VOID, { id: first.data!.recordPayment.id, reason: '金額誤り / wrong amount' }, { token: branch.treasurer });
    const corrected = await t.gql(RECORD, { input: cash(m.memberId, m.invoiceId, 12000, { reference: 'R-9' }) }, { token: branch.treasurer });
    expect(corrected.errors).toBeUndefined();
    expect(await w.invoice(m.invoiceId)).toMatchObject({ status: 'PAID', paid: 12000 });
  });
});
