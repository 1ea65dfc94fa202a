import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gql, type TypedDocument } from './support/gql.js';
import type { CreateManualJournalEntryInput, RecordPaymentInput } from './support/schema-types.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { NOW, PaymentsWorld, RECORD, TODAY, VOID } from './support/payments-world.js';

/** ¥10,000,000,000: the largest amount any input takes (MAX_AMOUNT in libs/core). */
const MAX = 10_000_000_000;

const TRIAL_BALANCE = gql(`query AmountLimitTrialBalance($bookId: ID!) { trialBalance(bookId: $bookId) { totalDebit { amount } totalCredit { amount } } }`);
const PAYMENTS = gql(`query AmountLimitPayments($b: ID) { payments(filter: { branchId: $b }) { edges { node { id status amount { amount } unallocated { amount } } } } }`);
const PAYMENT_TOTALS = gql(`query AmountLimitPaymentTotals($b: ID) { paymentTotals(filter: { branchId: $b }) { method count amount { amount } } }`);
const PAYMENTS_CSV = gql(`query AmountLimitPaymentsCsv($b: ID) { paymentsCsv(filter: { branchId: $b }) }`);
const CREATE_PLAN = gql(`mutation AmountLimitCreatePlan($input: CreateDuesPlanInput!) { createDuesPlan(input: $input) { id } }`);
const CREATE_ENTRY = gql(`mutation AmountLimitCreateEntry($input: CreateManualJournalEntryInput!) { createManualJournalEntry(input: $input) { id } }`);
const RECORD_SETTLEMENT = gql(`mutation AmountLimitRecordSettlement($input: RecordSettlementInput!) { recordSettlement(input: $input) { id } }`);

describe('amounts are capped at input (MAX_AMOUNT), and the largest one still reads back everywhere', () => {
  let t: TestApp;
  let w: PaymentsWorld;
  let branch: Awaited<ReturnType<PaymentsWorld['branch']>>;
  let m: Awaited<ReturnType<PaymentsWorld['memberWithInvoice']>>;

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW });
    w = await PaymentsWorld.create(t);
    branch = await w.branch();
    m = await w.memberWithInvoice(branch.id);
  });
  afterAll(() => checkThenClose(t, ledgerBalances));

  const payment = (over: Partial<RecordPaymentInput> = {}): RecordPaymentInput => ({
    memberId: m.memberId,
    method: 'BANK_TRANSFER' as const,
    amount: { amount: 12000, currency: 'JPY' },
    receivedOn: TODAY,
    allocations: [{ invoiceId: m.invoiceId }],
    ...over,
  });

  const rows = async () => {
    const [row] = await t.db.query(`SELECT
      (SELECT count(*) FROM payments)::int AS payments, (SELECT count(*) FROM payment_allocations)::int AS allocations,
      (SELECT count(*) FROM journal_entries)::int AS entries, (SELECT count(*) FROM dues_plans)::int AS plans,
      (SELECT count(*) FROM settlements)::int AS settlements, (SELECT count(*) FROM audit_events)::int AS audits`);
    return row;
  };

  /** Sends the operation; expects BAD_USER_INPUT on `field` in English and Japanese, and nothing written. */
  async function refused<Variables>(document: TypedDocument<unknown, Variables>, variables: Variables, field: string) {
    const before = await rows();
    for (const locale of ['en', 'ja'] as const) {
      const res = await t.gql(document, variables, { token: w.admin, locale });
      expect(res.data).toBeNull();
      expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions.fields?.map((f) => f.field)).toContain(field);
      expect(res.errors![0].message).toMatch(locale === 'en' ? /must not exceed 10,000,000,000/ : /10,000,000,000以下/);
    }
    expect(await rows()).toEqual(before);
    expect(await w.invoice(m.invoiceId)).toEqual({ status: 'OPEN', paid: 0, outstanding: 12000 });
  }

  it('a payment, an allocation or a fee above the limit, also as a string of digits', async () => {
    await refused(RECORD, { input: payment({ amount: { amount: MAX + 1, currency: 'JPY' }, allowCredit: true }) }, 'input.amount.amount');
    await refused(RECORD, { input: payment({ amount: { amount: '999999999999999999', currency: 'JPY' }, allowCredit: true }) }, 'input.amount.amount');
    await refused(RECORD, { input: payment({ amount: { amount: -(MAX + 1), currency: 'JPY' } }) }, 'input.amount.amount');
    await refused(RECORD, { input: payment({ allocations: [{ invoiceId: m.invoiceId, amount: MAX + 1 }] }) }, 'input.allocations.0.amount');
    await refused(RECORD, { input: payment({ fee: MAX + 1 }) }, 'input.fee');
  });

  it('a dues plan amount, a manual journal line and a settlement above the limit', async () => {
    const plan = { code: 'HUGE', nameJa: '巨額', nameEn: 'Huge', memberKind: 'PERSON' as const, amount: MAX + 1, federationShareKind: 'BASIS_POINTS' as const, federationShareValue: 3000 };
    await refused(CREATE_PLAN, { input: plan }, 'input.amount');
    const line = (side: CreateManualJournalEntryInput['lines'][number]['side'], amount: number) => ({ accountCode: side === 'DEBIT' ? '1200' : '1100', side, amount });
    await refused(
      CREATE_ENTRY,
      { input: { bookId: branch.bookId, entryDate: TODAY, memo: 'too much', lines: [line('DEBIT', MAX + 1), line('CREDIT', MAX + 1)] } },
      'input.lines.0.amount',
    );
    await refused(
      RECORD_SETTLEMENT,
      { input: { branchId: branch.id, amount: { amount: MAX + 1, currency: 'JPY' }, settledOn: TODAY } },
      'input.amount.amount',
    );
  });

  it('the largest amount is taken, and the payment list, totals, CSV and trial balance still read, before and after a void', async () => {
    const res = await t.gql(RECORD, { input: payment({ amount: { amount: MAX, currency: 'JPY' }, allowCredit: true }) }, { token: branch.treasurer });
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordPayment).toMatchObject({ amount: { amount: MAX }, unallocated: { amount: MAX - 12000 } });
    const reads = async (status: 'RECORDED' | 'VOIDED') => {
      const list = await t.gql(PAYMENTS, { b: branch.id }, { token: branch.treasurer });
      expect(list.errors).toBeUndefined();
      expect(list.data!.payments.edges).toEqual([{ node: { id: res.data!.recordPayment.id, status, amount: { amount: MAX }, unallocated: { amount: status === 'VOIDED' ? 0 : MAX - 12000 } } }]);
      const totals = await t.gql(PAYMENT_TOTALS, { b: branch.id }, { token: branch.treasurer });
      expect(totals.errors).toBeUndefined();
      const csv = await t.gql(PAYMENTS_CSV, { b: branch.id }, { token: branch.treasurer });
      expect(csv.data!.paymentsCsv).toContain(String(MAX));
      const tb = await t.gql(TRIAL_BALANCE, { bookId: branch.bookId }, { token: branch.treasurer });
      expect(tb.errors).toBeUndefined();
      expect(tb.data!.trialBalance.totalDebit).toEqual(tb.data!.trialBalance.totalCredit);
    };
    await reads('RECORDED');
    const voided = await t.gql(VOID, { id: res.data!.recordPayment.id, reason: 'entered by mistake' }, { token: branch.treasurer });
    expect(voided.errors).toBeUndefined();
    await reads('VOIDED');
  });
});
