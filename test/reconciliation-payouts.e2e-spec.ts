import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#auth';
import { transactionDetailsFile, type DetailLine } from '#reconciliation';
import { eventually } from '#testing';
import { FakeStripe } from './fakes/stripe-server.js';
import { gql } from './support/gql.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { AccountCode, NOW, PaymentsWorld } from './support/payments-world.js';

const PAYOUTS = gql(`query ReconciliationPayoutsList($from: String!, $to: String!) { stripePayouts(from: $from, to: $to) {
  id arrivalDate amount { amount } payments { amount } fees { amount } refunds { amount } adjustments { amount } expected { amount } discrepancy { amount } agrees paymentIds lineId } }`);
const IMPORT = gql(`mutation ReconciliationPayoutsImport($input: ImportBankStatementInput!) { importBankStatement(input: $input) { lines autoConfirmed suggested unmatched } }`);
const LINES = gql(`query ReconciliationPayoutsLines($id: ID!) { statementLines(bankAccountId: $id, first: 20) {
  id bookedOn payerName status autoConfirmed payoutId journalEntryId amount { amount } suggestions { kind payoutId score exact explanationJa explanationEn } } }`);
const CONFIRM = gql(`mutation ReconciliationPayoutsConfirmLine($input: ConfirmStatementLineInput!) { confirmStatementLine(input: $input) { id status payoutId journalEntryId } }`);
const UNCONFIRM = gql(`mutation ReconciliationPayoutsUnconfirmLine($id: ID!, $reason: String!) { unconfirmStatementLine(lineId: $id, reason: $reason) { id status payoutId journalEntryId } }`);
const RECONCILE = gql(`query ReconciliationPayoutsMonth($id: ID!, $month: String!) { bankReconciliation(bankAccountId: $id, month: $month) {
  agrees opening { amount } credits { amount } closing { amount } ledgerBalance { amount } difference { amount } unsettled { payerName status } } }`);
const PAY_ONLINE = gql(`mutation ReconciliationPayoutsPayOnline($invoiceId: ID!) { payDuesInvoiceOnline(invoiceId: $invoiceId) { id } }`);
const REGISTER = gql(`mutation ReconciliationPayoutsRegisterAccount($input: RegisterBankAccountInput!) { registerBankAccount(input: $input) { id } }`);
const CREATE_ACCOUNT = gql(`mutation ReconciliationPayoutsCreateAccount($input: CreateAccountInput!) { createAccount(input: $input) { code } }`);
const NOT_DUES = gql(`mutation ReconciliationPayoutsMarkNotDues($input: MarkStatementLineNotDuesInput!) { markStatementLineNotDues(input: $input) { status journalEntryId } }`);
const CLOSE = gql(`mutation ReconciliationPayoutsCloseMonth($id: ID!, $month: String!) { closeBankMonth(bankAccountId: $id, month: $month) }`);

/** Stripe payouts on the bank statement: listed with their payments, fees and refunds, matched to the payout's bank line, posted Dr bank / Cr Stripe clearing. */
describe('Stripe payouts reconciled with the bank statement', () => {
  let stripe: FakeStripe;
  let t: TestApp;
  let w: PaymentsWorld;
  let branch: Awaited<ReturnType<PaymentsWorld['branch']>>;
  let other: Awaited<ReturnType<PaymentsWorld['branch']>>;
  let accountId: string;
  const payouts: { id: string; amount: number }[] = [];

  const deliver = async (payload: string, signature: string) =>
    (await t.http.post('/webhooks/stripe').set('content-type', 'application/json').set('stripe-signature', signature).send(payload)).status;
  const idle = () => eventually(async () => (await t.db.query(`SELECT count(*)::int AS n FROM stripe_events WHERE status = 'RECEIVED'`))[0].n === 0);
  const clearing = () => w.balance(branch.bookId, AccountCode.StripeClearing);
  const bank = () => w.balance(branch.bookId, AccountCode.Bank);
  const at = (day: string) => Math.floor(new Date(`${day}T01:00:00Z`).getTime() / 1000);

  async function paidOnline() {
    const m = await w.memberWithInvoice(branch.id);
    const member = await t.signIn(Role.MEMBER, { memberId: m.memberId });
    expect((await t.gql(PAY_ONLINE, { invoiceId: m.invoiceId }, { token: member.token })).errors).toBeUndefined();
    const [session] = stripe.sessions().filter((s) => s.client_reference_id === m.invoiceId);
    await stripe.completeCheckout(session.id, 'card');
    const paymentId: string = await eventually(async () => (await t.db.query(`SELECT payment_id FROM online_checkouts WHERE session_id = $1`, [session.id]))[0]?.payment_id);
    return { paymentId, intentId: session.payment_intent as string };
  }

  async function payout(day: string) {
    const p = await stripe.payout(at(day));
    await eventually(async () => (await t.db.query(`SELECT count(*)::int AS n FROM stripe_payouts WHERE id = $1`, [p.id]))[0].n === 1);
    await idle();
    payouts.push({ id: p.id as string, amount: p.amount as number });
    return p;
  }

  const statement = (lines: DetailLine[], from = '2026-06-01') =>
    transactionDetailsFile([{ bankCode: '0009', bankName: 'SMBC', branchCode: '201', branchName: 'ｼﾌﾞﾔ', accountNumber: '3333333', accountName: 'ﾚﾝﾀｲ', from, to: '2026-06-30', opening: 0n, lines }]).toString('base64');

  beforeAll(async () => {
    stripe = await new FakeStripe().start();
    t = await TestApp.start({ worker: true, now: NOW, env: stripe.env });
    stripe.setClock(() => Math.floor(t.clock!.now().getTime() / 1000));
    stripe.deliverTo(deliver);
    w = await PaymentsWorld.create(t);
    branch = await w.branch();
    other = await w.branch();
    const res = await t.gql(REGISTER, { input: { branchId: branch.id, bankCode: '0009', branchCode: '201', accountType: '1', accountNumber: '3333333', name: 'ﾚﾝﾀｲ' } }, { token: branch.treasurer });
    expect(res.errors).toBeUndefined();
    accountId = res.data!.registerBankAccount.id;
  });

  afterAll(async () => {
    try {
      await checkThenClose(t, ledgerBalances, async () => {
        // Money in Stripe equals the books' Stripe clearing once the payouts on the bank are taken out.
        const [row] = await t.db.query(`SELECT COALESCE(sum(CASE l.side WHEN 'DEBIT' THEN l.amount ELSE -l.amount END), 0)::int AS clearing
          FROM journal_lines l JOIN accounts a ON a.id = l.account_id WHERE a.code = '1300'`);
        const matched = (await t.db.query(`SELECT p.amount::int AS amount FROM stripe_payouts p JOIN reconciliation_lines l ON l.payout_id = p.id`)).reduce((s: number, r: { amount: number }) => s + r.amount, 0);
        expect(row.clearing).toBe(stripe.balance() - matched);
      });
    } finally {
      await stripe.stop();
    }
  });

  it('lists a payout with its payments, fees and refunds (federation admins and auditors only)', async () => {
    const a = await paidOnline();
    const b = await paidOnline();
    const p = await payout('2026-06-22');
    const listed = await t.gql(PAYOUTS, { from: '2026-06-01', to: '2026-06-30' }, { token: w.admin });
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.stripePayouts).toEqual([
      { id: p.id, arrivalDate: '2026-06-22', amount: { amount: 23136 }, payments: { amount: 24000 }, fees: { amount: 864 }, refunds: { amount: 0 }, adjustments: { amount: 0 }, expected: { amount: 23136 }, discrepancy: { amount: 0 }, agrees: true, paymentIds: expect.arrayContaining([a.paymentId, b.paymentId]), lineId: null },
    ]);
    expect((await t.gql(PAYOUTS, { from: '2026-06-01', to: '2026-06-30' }, { token: (await t.signIn(Role.AUDITOR)).token })).errors).toBeUndefined();
    expect((await t.gql(PAYOUTS, { from: '2026-06-01', to: '2026-06-30' }, { token: branch.treasurer })).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(PAYOUTS, { from: '2026-6-1', to: '2026-06-30' }, { token: w.admin })).errors?.[0].extensions).toMatchObject({ reason: 'RECONCILIATION_DATE', fields: [{ field: 'from' }] });
    // A date that does not exist is no date either (#core's isIsoDate, not a pattern).
    expect((await t.gql(PAYOUTS, { from: '2026-06-01', to: '2026-06-31' }, { token: w.admin })).errors?.[0].extensions).toMatchObject({ reason: 'RECONCILIATION_DATE', fields: [{ field: 'to' }] });
  });

  it("a payout that does not equal its payments minus fees and refunds is flagged (a dispute took 12,000 yen)", async () => {
    const c = await paidOnline();
    await paidOnline();
    await stripe.dispute(c.intentId);
    await idle();
    await payout('2026-06-29');
    const [, flagged] = (await t.gql(PAYOUTS, { from: '2026-06-01', to: '2026-06-30' }, { token: w.admin })).data!.stripePayouts;
    expect(flagged).toMatchObject({ amount: { amount: 11136 }, payments: { amount: 24000 }, fees: { amount: 864 }, adjustments: { amount: -12000 }, expected: { amount: 23136 }, discrepancy: { amount: -12000 }, agrees: false });
  });

  it("the payout's bank line (under the payment company's name) is confirmed automatically: Dr bank / Cr Stripe clearing; the flagged one waits for the treasurer", async () => {
    // A week later (sessions last 12 hours: sign in again).
    t.clock!.set(new Date('2026-07-01T03:00:00Z'));
    branch.treasurer = (await t.signIn(Role.BRANCH_TREASURER, { branchIds: [branch.id] })).token;
    other.treasurer = (await t.signIn(Role.BRANCH_TREASURER, { branchIds: [other.id] })).token;
    w.admin = (await t.signIn(Role.FEDERATION_ADMIN)).token;
    const clearingBefore = await clearing();
    expect(clearingBefore).toBe(23136n + 11136n);
    const res = await t.gql(IMPORT, { input: { branchId: branch.id, content: statement([
      { reference: '1', bookedOn: '2026-06-22', direction: 'IN', amount: 23136n, payerName: 'ｽﾄﾗｲﾌﾟｼﾞﾔﾊﾟﾝ(ｶ' },
      { reference: '2', bookedOn: '2026-06-29', direction: 'IN', amount: 11136n, payerName: 'ｽﾄﾗｲﾌﾟｼﾞﾔﾊﾟﾝ(ｶ' },
      { reference: '3', bookedOn: '2026-06-30', direction: 'IN', amount: 11136n, payerName: 'ｽﾄﾗｲﾌﾟｼﾞﾔﾊﾟﾝ(ｶ' },
    ]) } }, { token: branch.treasurer });
    expect(res.errors).toBeUndefined();
    expect(res.data!.importBankStatement).toMatchObject({ lines: 3, autoConfirmed: 1, suggested: 2 });
    const lines = (await t.gql(LINES, { id: accountId }, { token: branch.treasurer })).data!.statementLines;
    expect(lines[0]).toMatchObject({ status: 'CONFIRMED', autoConfirmed: true, payoutId: payouts[0].id, suggestions: [{ kind: 'PAYOUT', payoutId: payouts[0].id, exact: true }] });
    expect(lines[0].suggestions[0].explanationEn).toBe(`payer is the payment company (Stripe); amount equals Stripe payout ${payouts[0].id} (arriving 2026-06-22); payments ¥24,000 − fees ¥864 − refunds ¥0`);
    expect(lines[1]).toMatchObject({ status: 'SUGGESTED', payoutId: null, suggestions: [{ kind: 'PAYOUT', payoutId: payouts[1].id, exact: false }] });
    expect(lines[1].suggestions[0].explanationJa).toContain('要確認: 入金額が決済 − 手数料 − 返金と ¥-12,000 違います');
    expect(await clearing()).toBe(11136n);
    expect(await bank()).toBe(23136n);
    const listed = (await t.gql(PAYOUTS, { from: '2026-06-01', to: '2026-06-30' }, { token: w.admin })).data!.stripePayouts;
    expect(listed.map((p) => p.lineId)).toEqual([lines[0].id, null]);

    // The treasurer confirms the flagged payout; the same payout for a second line, or a payout of another amount, is refused and changes nothing.
    const confirmed = await t.gql(CONFIRM, { input: { lineId: lines[1].id } }, { token: branch.treasurer });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmStatementLine).toMatchObject({ status: 'CONFIRMED', payoutId: payouts[1].id });
    const taken = await t.gql(CONFIRM, { input: { lineId: lines[2].id, payoutId: payouts[1].id } }, { token: branch.treasurer });
    expect(taken.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'STATEMENT_PAYOUT_TAKEN' });
    const wrong = await t.gql(CONFIRM, { input: { lineId: lines[2].id, payoutId: payouts[0].id } }, { token: branch.treasurer });
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'STATEMENT_PAYOUT_AMOUNT', fields: [{ field: 'input.payoutId' }] });
    const unknown = await t.gql(CONFIRM, { input: { lineId: lines[2].id, payoutId: 'po_nothere' } }, { token: branch.treasurer });
    expect(unknown.errors?.[0].extensions).toMatchObject({ reason: 'STATEMENT_PAYOUT_NOT_FOUND' });
    const foreign = await t.gql(CONFIRM, { input: { lineId: lines[2].id, payoutId: payouts[0].id } }, { token: other.treasurer });
    expect(foreign.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(await clearing()).toBe(0n);
    expect(await bank()).toBe(23136n + 11136n);

    // Unconfirming reverses the posting; confirming again posts once more.
    const undone = await t.gql(UNCONFIRM, { id: lines[1].id, reason: '確認のため / to check' }, { token: branch.treasurer });
    expect(undone.data!.unconfirmStatementLine).toMatchObject({ status: 'SUGGESTED', payoutId: null, journalEntryId: null });
    expect(await clearing()).toBe(11136n);
    expect((await t.gql(CONFIRM, { input: { lineId: lines[1].id, payoutId: payouts[1].id } }, { token: branch.treasurer })).errors).toBeUndefined();
    expect(await clearing()).toBe(0n);
  });

  it('the month agrees once the third line is explained, and closes', async () => {
    const r = (await t.gql(RECONCILE, { id: accountId, month: '2026-06' }, { token: branch.treasurer })).data!.bankReconciliation;
    expect(r).toMatchObject({ agrees: false, credits: { amount: 23136 + 11136 * 2 }, ledgerBalance: { amount: 23136 + 11136 }, difference: { amount: 11136 }, unsettled: [{ status: 'SUGGESTED' }] });
    const [line] = (await t.db.query(`SELECT id FROM reconciliation_lines WHERE reference = '3' AND bank_account_id = $1`, [accountId])) as { id: string }[];
    // Not identified yet: held in an account the federation admin added (仮受金), not dues.
    const added = await t.gql(CREATE_ACCOUNT, { input: { bookId: branch.bookId, code: '2900', type: 'LIABILITY', nameJa: '仮受金', nameEn: 'Suspense receipts' } }, { token: w.admin });
    expect(added.errors).toBeUndefined();
    const refund = await t.gql(NOT_DUES, { input: { lineId: line.id, category: 'OTHER', accountCode: '2900' } }, { token: branch.treasurer });
    expect(refund.errors).toBeUndefined();
    const agreed = (await t.gql(RECONCILE, { id: accountId, month: '2026-06' }, { token: branch.treasurer })).data!.bankReconciliation;
    expect(agreed).toMatchObject({ agrees: true, difference: { amount: 0 }, unsettled: [] });
    const closed = await t.gql(CLOSE, { id: accountId, month: '2026-06' }, { token: branch.treasurer });
    expect(closed.errors).toBeUndefined();
    expect((await t.db.query(`SELECT status FROM ledger_periods WHERE book_id = $1 AND month = '2026-06-01'`, [branch.bookId]))[0]?.status).toBe('CLOSED');
  });
});
