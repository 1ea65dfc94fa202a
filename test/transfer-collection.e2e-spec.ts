import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#auth';
import { TestApp } from './support/test-app.js';
import { checkThenClose, controlAccounts, ledgerBalances } from './support/check-then-close.js';
import { AccountCode, NOW, PaymentsWorld, RECORD, TODAY } from './support/payments-world.js';
import { gql } from './support/gql.js';
import type { RecordPaymentInput } from './support/schema-types.js';

const TRANSFER = gql(`mutation TransferCollectionMove($input: TransferMemberInput!) { transferMember(input: $input) { id branchId } }`);
const CREDIT = gql(`query TransferCollectionCredit($id: ID!) { memberCredit(memberId: $id) { available { amount } books { branchId available { amount } canApply } } }`);
const APPLY = gql(`mutation TransferCollectionApplyCredit($input: ApplyMemberCreditInput!) { applyMemberCredit(input: $input) { invoiceId amount { amount } } }`);
const MEMBERSHIP = gql(`query TransferCollectionMembership($id: ID!) { membership(id: $id) { id branchId status invoices { id } } }`);
const INVOICE = gql(`query TransferCollectionInvoice($id: ID!) { duesInvoice(id: $id) { id branchId status } }`);
const ISSUE = gql(`mutation TransferCollectionIssue($fiscalYear: Int!, $branchId: ID) { issueFiscalYearInvoices(fiscalYear: $fiscalYear, branchId: $branchId) { issued } }`);
const PAYMENT = gql(`query TransferCollectionPayment($id: ID!) { payment(id: $id) { id } }`);

/**
 * After a transfer (転籍) the invoices the former branch issued are collected by that branch (or a
 * federation admin) into its own book; the new branch collects its own. Credit is shown and used per
 * book; an invoice is seen by the same people whichever way it is asked for.
 */
describe('invoices and credit after a member moves to another branch', () => {
  let t: TestApp;
  let w: PaymentsWorld;
  let from: Awaited<ReturnType<PaymentsWorld['branch']>>;
  let to: Awaited<ReturnType<PaymentsWorld['branch']>>;
  let stranger: Awaited<ReturnType<PaymentsWorld['branch']>>;
  let m: Awaited<ReturnType<PaymentsWorld['memberWithInvoice']>>;
  let newInvoiceId: string;
  let auditor: string;
  let member: string;

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW });
    w = await PaymentsWorld.create(t);
    [from, to, stranger] = [await w.branch(), await w.branch(), await w.branch()];
    auditor = (await t.signIn(Role.AUDITOR)).token;
    m = await w.memberWithInvoice(from.id); // 12,000 yen, issued by the former branch
    member = (await t.signIn(Role.MEMBER, { memberId: m.memberId })).token;
    // 3,000 yen of credit in the former branch's book, before the move.
    const prepaid = await t.gql(RECORD, { input: payment({ amount: { amount: 3000, currency: 'JPY' }, allocations: [], allowCredit: true }) }, { token: from.treasurer });
    expect(prepaid.errors).toBeUndefined();
    const moved = await t.gql(TRANSFER, { input: { memberId: m.memberId, toBranchId: to.id } }, { token: w.admin });
    expect(moved.errors).toBeUndefined();
    // The new branch invoices the next fiscal year and takes 2,000 yen of credit in its own book.
    expect((await t.gql(ISSUE, { fiscalYear: 2027, branchId: to.id }, { token: w.admin })).data!.issueFiscalYearInvoices.issued).toBe(1);
    newInvoiceId = (await t.db.query(`SELECT id FROM dues_invoices WHERE member_id = $1 AND branch_id = $2`, [m.memberId, to.id]))[0].id;
    const credit = await t.gql(RECORD, { input: payment({ amount: { amount: 2000, currency: 'JPY' }, allocations: [], allowCredit: true }) }, { token: to.treasurer });
    expect(credit.errors).toBeUndefined();
  });
  afterAll(() => checkThenClose(t, ledgerBalances, controlAccounts));

  function payment(over: Partial<RecordPaymentInput> = {}): RecordPaymentInput {
    return { memberId: m.memberId, method: 'BANK_TRANSFER', amount: { amount: 12000, currency: 'JPY' }, receivedOn: TODAY, allocations: [{ invoiceId: m.invoiceId }], ...over };
  }
  const invoices = async () => t.db.query(`SELECT id, status, paid_amount::int AS paid FROM dues_invoices WHERE member_id = $1 ORDER BY id`, [m.memberId]);
  const state = async () => ({ counts: await w.counts(), invoices: await invoices() });

  it('reading: each branch sees the invoices it issued, the same through membership.invoices and duesInvoice; admin, auditor and member see both', async () => {
    const both = [m.invoiceId, newInvoiceId].sort();
    const seen = async (token: string) => {
      const membership = await t.gql(MEMBERSHIP, { id: m.membershipId }, { token });
      const viaMembership = membership.data ? membership.data.membership.invoices.map((i) => i.id).sort() : null;
      const viaInvoice: string[] = [];
      for (const id of both) if ((await t.gql(INVOICE, { id }, { token })).data) viaInvoice.push(id);
      return { viaMembership, viaInvoice: viaInvoice.sort() };
    };
    expect(await seen(to.treasurer)).toEqual({ viaMembership: [newInvoiceId], viaInvoice: [newInvoiceId] });
    // The former branch no longer sees the membership, but still its own invoice, which it collects.
    expect(await seen(from.treasurer)).toEqual({ viaMembership: null, viaInvoice: [m.invoiceId] });
    expect(await seen(stranger.treasurer)).toEqual({ viaMembership: null, viaInvoice: [] });
    for (const token of [w.admin, auditor, member]) expect(await seen(token)).toEqual({ viaMembership: both, viaInvoice: both });
    const refused = await t.gql(INVOICE, { id: m.invoiceId }, { token: to.treasurer });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'INVOICE_NOT_FOUND' });
  });

  it('member credit: each branch sees and can apply its own book’s credit; the admin sees both books, the auditor both but applies none', async () => {
    const credit = async (token: string) => (await t.gql(CREDIT, { id: m.memberId }, { token })).data?.memberCredit;
    expect(await credit(to.treasurer)).toEqual({ available: { amount: 2000 }, books: [{ branchId: to.id, available: { amount: 2000 }, canApply: true }] });
    expect(await credit(from.treasurer)).toEqual({ available: { amount: 3000 }, books: [{ branchId: from.id, available: { amount: 3000 }, canApply: true }] });
    const books = (canApply: boolean) => [
      { branchId: from.id, available: { amount: 3000 }, canApply },
      { branchId: to.id, available: { amount: 2000 }, canApply },
    ];
    expect(await credit(w.admin)).toEqual({ available: { amount: 5000 }, books: books(true) });
    expect(await credit(auditor)).toEqual({ available: { amount: 5000 }, books: books(false) });
    const refused = await t.gql(CREDIT, { id: m.memberId }, { token: stranger.treasurer });
    expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('the new branch cannot collect or apply credit to the former branch’s invoice (INVOICE_OF_ANOTHER_BRANCH on the field); nothing changes', async () => {
    const before = await state();
    const paid = await t.gql(RECORD, { input: payment() }, { token: to.treasurer });
    expect(paid.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVOICE_OF_ANOTHER_BRANCH', fields: [{ field: 'input.allocations.0.invoiceId' }] });
    const applied = await t.gql(APPLY, { input: { memberId: m.memberId, invoiceIds: [m.invoiceId] } }, { token: to.treasurer });
    expect(applied.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVOICE_OF_ANOTHER_BRANCH', fields: [{ field: 'input.invoiceIds.0' }] });
    // One payment goes into one book: the admin paying both branches' invoices at once is told which one is the other book's.
    const mixed = await t.gql(RECORD, { input: payment({ amount: { amount: 24000, currency: 'JPY' }, allocations: [{ invoiceId: m.invoiceId }, { invoiceId: newInvoiceId }] }) }, { token: w.admin });
    expect(mixed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVOICE_OF_ANOTHER_BRANCH', fields: [{ field: 'input.allocations.1.invoiceId' }] });
    const ja = await t.gql(RECORD, { input: payment() }, { token: to.treasurer, locale: 'ja' });
    expect(ja.errors?.[0].message).toContain('発行した支部');
    // A treasurer of neither branch is refused outright.
    const foreign = await t.gql(RECORD, { input: payment() }, { token: stranger.treasurer });
    expect(foreign.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await state()).toEqual(before);
  });

  it('the former branch applies its own credit and collects the rest of its invoice into its own book; the admin may too', async () => {
    const applied = await t.gql(APPLY, { input: { memberId: m.memberId, invoiceIds: [m.invoiceId] } }, { token: from.treasurer });
    expect(applied.errors).toBeUndefined();
    expect(applied.data!.applyMemberCredit).toEqual([{ invoiceId: m.invoiceId, amount: { amount: 3000 } }]);

    const byOld = await t.gql(RECORD, { input: payment({ amount: { amount: 5000, currency: 'JPY' } }) }, { token: from.treasurer });
    expect(byOld.errors).toBeUndefined();
    expect(byOld.data!.recordPayment).toMatchObject({ branchId: from.id, amount: { amount: 5000 } });
    const byAdmin = await t.gql(RECORD, { input: payment({ amount: { amount: 4000, currency: 'JPY' } }) }, { token: w.admin });
    expect(byAdmin.errors).toBeUndefined();
    expect(byAdmin.data!.recordPayment.branchId).toBe(from.id);

    expect(await w.invoice(m.invoiceId)).toEqual({ status: 'PAID', paid: 12000, outstanding: 0 });
    // The receivable it issued is cleared in the former branch's book, the money is in its bank, its credit used.
    expect(await w.balance(from.bookId, AccountCode.DuesReceivable)).toBe(0n);
    expect(await w.balance(from.bookId, AccountCode.Bank)).toBe(3000n + 5000n + 4000n);
    expect(await w.balance(from.bookId, AccountCode.MemberCredit)).toBe(0n);
    // The new branch's book is untouched by it; the membership (now the new branch's) is paid for this year.
    expect(await w.balance(to.bookId, AccountCode.Bank)).toBe(2000n);
    expect(await w.membershipStatus(m.membershipId)).toBe('ACTIVE');
    // The payments are the former branch's: it reads them, the new branch does not.
    const own = await t.gql(PAYMENT, { id: byAdmin.data!.recordPayment.id }, { token: from.treasurer });
    expect(own.errors).toBeUndefined();
    const other = await t.gql(PAYMENT, { id: byAdmin.data!.recordPayment.id }, { token: to.treasurer });
    expect(other.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('the new branch applies only the credit in its own book to its own invoice', async () => {
    const applied = await t.gql(APPLY, { input: { memberId: m.memberId, invoiceIds: [newInvoiceId] } }, { token: to.treasurer });
    expect(applied.errors).toBeUndefined();
    expect(applied.data!.applyMemberCredit).toEqual([{ invoiceId: newInvoiceId, amount: { amount: 2000 } }]);
    expect(await w.invoice(newInvoiceId)).toEqual({ status: 'PARTIALLY_PAID', paid: 2000, outstanding: 10000 });
    expect(await w.balance(to.bookId, AccountCode.MemberCredit)).toBe(0n);
    const none = await t.gql(APPLY, { input: { memberId: m.memberId, invoiceIds: [newInvoiceId] } }, { token: to.treasurer });
    expect(none.errors?.[0].extensions.reason).toBe('NO_CREDIT');
  });
});
