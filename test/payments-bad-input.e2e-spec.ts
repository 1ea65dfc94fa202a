import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#auth';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { NOW, PaymentsWorld, RECORD, TODAY, VOID } from './support/payments-world.js';
import { gql } from './support/gql.js';
import type { RecordPaymentInput } from './support/schema-types.js';

const TRANSFER = gql(`mutation PaymentsBadInputTransfer($input: TransferMemberInput!) { transferMember(input: $input) { id } }`);
const PAYMENT = gql(`query PaymentsBadInputPayment($id: ID!) { payment(id: $id) { id } }`);
const CREDIT = gql(`query PaymentsBadInputCredit($id: ID!) { memberCredit(memberId: $id) { available { amount } } }`);
const OF_BRANCH = gql(`query PaymentsBadInputOfBranch($b: ID) { payments(filter: { branchId: $b }) { edges { node { id } } } }`);
const VISIBLE = gql(`query PaymentsBadInputVisible { payments { edges { node { id branchId } } } }`);

/** Every refusal: a clear error naming the field (or the reason), and nothing written. */
describe('payments refuse bad input and other branches', () => {
  let t: TestApp;
  let w: PaymentsWorld;
  let branch: Awaited<ReturnType<PaymentsWorld['branch']>>;
  let other: Awaited<ReturnType<PaymentsWorld['branch']>>;
  let m: Awaited<ReturnType<PaymentsWorld['memberWithInvoice']>>;

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW });
    w = await PaymentsWorld.create(t);
    branch = await w.branch();
    other = await w.branch();
    m = await w.memberWithInvoice(branch.id);
  });
  afterAll(() => checkThenClose(t, ledgerBalances));

  const input = (over: Partial<RecordPaymentInput> = {}): RecordPaymentInput => ({
    memberId: m.memberId,
    method: 'BANK_TRANSFER',
    amount: { amount: 12000, currency: 'JPY' },
    receivedOn: TODAY,
    allocations: [{ invoiceId: m.invoiceId }],
    ...over,
  });

  /** Records with `over`, expects the error, and checks nothing at all was written. */
  /** `untyped`: fields the schema itself must refuse (sent as untyped text over the input). */
  async function refused(
    over: Partial<RecordPaymentInput>,
    expected: { code: string; reason?: string; field?: string },
    options: { token?: string; locale?: 'ja' | 'en'; untyped?: Record<string, unknown> } = {},
  ) {
    const before = await w.counts();
    const invoiceBefore = await w.invoice(m.invoiceId);
    const call = { token: options.token ?? branch.treasurer, locale: options.locale };
    const res = options.untyped
      ? await t.gql(RECORD.text, { input: { ...input(over), ...options.untyped } }, call) // untyped: values the schema must refuse
      : await t.gql(RECORD, { input: input(over) }, call);
    expect(res.data).toBeNull();
    const error = res.errors![0];
    expect(error.extensions.code).toBe(expected.code);
    if (expected.reason) expect(error.extensions.reason).toBe(expected.reason);
    if (expected.field) expect(error.extensions.fields?.map((f) => f.field)).toContain(expected.field);
    expect(await w.counts()).toEqual(before);
    expect(await w.invoice(m.invoiceId)).toEqual(invoiceBefore);
    return error;
  }

  it('a zero amount', async () => {
    await refused({ amount: { amount: 0, currency: 'JPY' } }, { code: 'BAD_USER_INPUT', field: 'input.amount.amount' });
  });

  it('a negative amount', async () => {
    await refused({ amount: { amount: -500, currency: 'JPY' } }, { code: 'BAD_USER_INPUT', field: 'input.amount.amount' });
  });

  it('an amount with decimals (yen has no minor unit)', async () => {
    const error = await refused({ amount: { amount: 1200.5, currency: 'JPY' } }, { code: 'BAD_USER_INPUT' });
    expect(error.message).toMatch(/input.*amount.*whole number/s);
  });

  it('a currency other than the branch book’s', async () => {
    await refused({ amount: { amount: 120, currency: 'USD' } }, { code: 'BAD_USER_INPUT', reason: 'CURRENCY_MISMATCH', field: 'input.amount.currency' });
  });

  it('an unknown currency', async () => {
    await refused({ amount: { amount: 120, currency: 'XYZ' } }, { code: 'BAD_USER_INPUT', field: 'input.amount.currency' });
  });

  it('a fee not below the amount, and a negative fee', async () => {
    await refused({ fee: 12000 }, { code: 'BAD_USER_INPUT', reason: 'FEE_NOT_BELOW_AMOUNT', field: 'input.fee' });
    await refused({ fee: -1 }, { code: 'BAD_USER_INPUT', field: 'input.fee' });
  });

  it('a date in the future, and a date that does not exist', async () => {
    await refused({ receivedOn: '2026-06-16' }, { code: 'BAD_USER_INPUT', reason: 'DATE_IN_FUTURE', field: 'input.receivedOn' });
    await refused({ receivedOn: '2026-02-30' }, { code: 'BAD_USER_INPUT', field: 'input.receivedOn' });
  });

  it('an unknown method', async () => {
    await refused({}, { code: 'BAD_USER_INPUT' }, { untyped: { method: 'CHEQUE' } });
  });

  it("allocation to another member's invoice", async () => {
    const stranger = await w.memberWithInvoice(branch.id);
    await refused(
      { allocations: [{ invoiceId: m.invoiceId }, { invoiceId: stranger.invoiceId }] },
      { code: 'BAD_USER_INPUT', reason: 'INVOICE_OF_ANOTHER_MEMBER', field: 'input.allocations.1.invoiceId' },
    );
    expect(await w.invoice(stranger.invoiceId)).toMatchObject({ paid: 0 });
  });

  it('an invoice issued while the member belonged to another branch (its receivable is in that book)', async () => {
    const mover = await w.memberWithInvoice(other.id);
    const moved = await t.gql(TRANSFER, { input: { memberId: mover.memberId, toBranchId: branch.id } }, { token: w.admin });
    expect(moved.errors).toBeUndefined();
    const before = await w.counts();
    const res = await t.gql(RECORD, { input: input({ memberId: mover.memberId, allocations: [{ invoiceId: mover.invoiceId }] }) }, { token: branch.treasurer });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVOICE_OF_ANOTHER_BRANCH', fields: [{ field: 'input.allocations.0.invoiceId' }] });
    expect(await w.counts()).toEqual(before);
  });

  it('an invoice that does not exist, and the same invoice twice', async () => {
    await refused({ allocations: [{ invoiceId: '00000000-0000-4000-8000-000000000000' }] }, { code: 'BAD_USER_INPUT', reason: 'INVOICE_NOT_OPEN', field: 'input.allocations.0.invoiceId' });
    await refused({ allocations: [{ invoiceId: m.invoiceId }, { invoiceId: m.invoiceId }] }, { code: 'BAD_USER_INPUT', reason: 'DUPLICATE_INVOICE', field: 'input.allocations.1.invoiceId' });
  });

  it('a fixed allocation above what the invoice owes', async () => {
    await refused({ allocations: [{ invoiceId: m.invoiceId, amount: 12001 }], amount: { amount: 13000, currency: 'JPY' }, allowCredit: true }, {
      code: 'BAD_USER_INPUT',
      reason: 'ALLOCATION_EXCEEDS_OUTSTANDING',
      field: 'input.allocations.0.amount',
    });
  });

  it('more than the invoices owe without allowCredit — in Japanese too', async () => {
    const error = await refused({ amount: { amount: 12001, currency: 'JPY' } }, { code: 'BAD_USER_INPUT', reason: 'OVERPAYMENT_NOT_ALLOWED', field: 'input.amount.amount' }, { locale: 'ja' });
    expect(error.message).toContain('allowCredit');
    expect(error.message).toContain('未払残高');
  });

  it("a treasurer of another branch recording for this branch's member: FORBIDDEN", async () => {
    await refused({}, { code: 'FORBIDDEN', reason: 'BRANCH_NOT_IN_SCOPE' }, { token: other.treasurer });
  });

  it('a member signed in cannot record payments at all', async () => {
    const member = await t.signIn(Role.MEMBER, { memberId: m.memberId });
    await refused({}, { code: 'FORBIDDEN' }, { token: member.token });
  });

  it("voiding another branch's payment, reading it, or its member's credit: FORBIDDEN", async () => {
    const paid = await t.gql(RECORD, { input: input({ amount: { amount: 1000, currency: 'JPY' } }) }, { token: branch.treasurer });
    const id = paid.data!.recordPayment.id;
    const voided = await t.gql(VOID, { id, reason: 'x' }, { token: other.treasurer });
    expect(voided.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const read = await t.gql(PAYMENT, { id }, { token: other.treasurer });
    expect(read.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const credit = await t.gql(CREDIT, { id: m.memberId }, { token: other.treasurer });
    expect(credit.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const list = await t.gql(OF_BRANCH, { b: branch.id }, { token: other.treasurer });
    expect(list.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const own = await t.gql(VISIBLE, {}, { token: other.treasurer });
    expect(own.data!.payments.edges).toEqual([]);
    expect((await t.db.query(`SELECT status FROM payments WHERE id = $1`, [id]))[0].status).toBe('RECORDED');
  });

  it('a void without a reason', async () => {
    const res = await t.gql(VOID, { id: '00000000-0000-4000-8000-000000000000', reason: '' }, { token: branch.treasurer });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'reason' }] });
  });
});
