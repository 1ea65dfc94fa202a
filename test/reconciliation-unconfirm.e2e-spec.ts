import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#auth';
import { transactionDetailsFile } from '#reconciliation';
import { gql } from './support/gql.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { NOW, PaymentsWorld } from './support/payments-world.js';

const IMPORT = gql(`mutation ReconciliationUnconfirmImport($input: ImportBankStatementInput!) { importBankStatement(input: $input) { autoConfirmed } }`);
const RECONCILE = gql(`query ReconciliationUnconfirmMonth($id: ID!, $month: String!) { bankReconciliation(bankAccountId: $id, month: $month) {
  agrees closing { amount } ledgerBalance { amount } difference { amount } unsettled { id } } }`);
const CONFIRM = gql(`mutation ReconciliationUnconfirmConfirmLine($input: ConfirmStatementLineInput!) { confirmStatementLine(input: $input) { id status paymentIds } }`);
const UNCONFIRM = gql(`mutation ReconciliationUnconfirmUndoLine($id: ID!, $reason: String!) { unconfirmStatementLine(lineId: $id, reason: $reason) { id status paymentIds } }`);
const REGISTER = gql(`mutation ReconciliationUnconfirmRegisterAccount($input: RegisterBankAccountInput!) { registerBankAccount(input: $input) { id } }`);
const CLOSE = gql(`mutation ReconciliationUnconfirmCloseMonth($id: ID!, $month: String!) { closeBankMonth(bankAccountId: $id, month: $month) }`);

/**
 * Unconfirming a bank line voids its payment: the reversal belongs to the line's own day (the month it
 * was confirmed in nets to nothing, and confirming again lands beside it), and a closed month stays
 * closed with its figures (the ledger moves the reversal to the next open month).
 */
describe('unconfirming a line: the voided payment dated so the months stay right', () => {
  let t: TestApp;
  let w: PaymentsWorld;
  let branch: Awaited<ReturnType<PaymentsWorld['branch']>>;
  let accountId: string;
  let lineId: string;
  let treasurer: string;

  const reconcile = async (month: string) => {
    const res = await t.gql(RECONCILE, { id: accountId, month }, { token: treasurer });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.bankReconciliation;
  };
  const paymentOfLine = async () => (await t.db.query(`SELECT payment_ids[1] AS id FROM reconciliation_lines WHERE id = $1`, [lineId]))[0].id as string;
  const voidEntry = async (paymentId: string) =>
    (
      await t.db.query(
        `SELECT to_char(r.entry_date, 'YYYY-MM-DD') AS "entryDate", to_char(r.requested_date, 'YYYY-MM-DD') AS "requestedDate"
           FROM payments p JOIN journal_entries r ON r.reverses_entry_id = p.journal_entry_id WHERE p.id = $1`,
        [paymentId],
      )
    )[0];
  const unconfirm = async () => {
    const res = await t.gql(UNCONFIRM, { id: lineId, reason: '確認 / check' }, { token: treasurer });
    expect(res.errors).toBeUndefined();
    expect(res.data!.unconfirmStatementLine).toMatchObject({ paymentIds: [] });
  };
  const confirm = async () => {
    const res = await t.gql(CONFIRM, { input: { lineId } }, { token: treasurer });
    expect(res.errors).toBeUndefined();
    expect(res.data!.confirmStatementLine).toMatchObject({ status: 'CONFIRMED' });
  };

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW });
    w = await PaymentsWorld.create(t);
    branch = await w.branch();
    treasurer = branch.treasurer;
    const member = await w.memberWithInvoice(branch.id);
    const memberNumber = (await t.db.query(`SELECT member_number FROM members WHERE id = $1`, [member.memberId]))[0].member_number as string;
    const res = await t.gql(REGISTER, { input: { branchId: branch.id, bankCode: '0009', branchCode: '201', accountType: '1', accountNumber: '5555555', name: 'ﾚﾝﾀｲ' } }, { token: treasurer });
    accountId = res.data!.registerBankAccount.id;
    const file = transactionDetailsFile([{ bankCode: '0009', bankName: 'SMBC', branchCode: '201', branchName: 'ｼﾝｼﾞﾕｸ', accountNumber: '5555555', accountName: 'ﾚﾝﾀｲ', from: '2026-06-01', to: '2026-06-14', opening: 0n, lines: [
      { reference: '21', bookedOn: '2026-06-12', direction: 'IN', amount: 12000n, payerName: `${memberNumber} ﾀﾅｶ` },
    ] }]);
    const imported = await t.gql(IMPORT, { input: { branchId: branch.id, content: file.toString('base64') } }, { token: treasurer });
    expect(imported.data!.importBankStatement.autoConfirmed).toBe(1);
    lineId = (await t.db.query(`SELECT id FROM reconciliation_lines WHERE bank_account_id = $1`, [accountId]))[0].id;
    expect(await reconcile('2026-06')).toMatchObject({ agrees: true, ledgerBalance: { amount: 12000 } });
  });
  afterAll(() => checkThenClose(t, ledgerBalances));

  it('in an open month, the void is dated the line\'s day: the month lists the line, and confirming again agrees (one payment in the ledger, not two)', async () => {
    t.clock!.set(new Date('2026-07-03T03:00:00Z'));
    // Sessions of June have expired by July.
    treasurer = (await t.signIn(Role.BRANCH_TREASURER, { branchIds: [branch.id] })).token;
    const first = await paymentOfLine();
    await unconfirm();
    expect(await voidEntry(first)).toEqual({ entryDate: '2026-06-12', requestedDate: '2026-06-12' });
    expect(await reconcile('2026-06')).toMatchObject({ agrees: false, closing: { amount: 12000 }, ledgerBalance: { amount: 0 }, difference: { amount: 12000 }, unsettled: [{ id: lineId }] });
    await confirm();
    expect(await reconcile('2026-06')).toMatchObject({ agrees: true, ledgerBalance: { amount: 12000 }, unsettled: [] });
    expect(await reconcile('2026-07')).toMatchObject({ agrees: true, ledgerBalance: { amount: 12000 } });
  });

  it('in a closed month, the void moves to the first day of the next open month: the closed month keeps its figures, the next one nets to nothing once confirmed again', async () => {
    expect((await t.gql(CLOSE, { id: accountId, month: '2026-06' }, { token: treasurer })).errors).toBeUndefined();
    const second = await paymentOfLine();
    await unconfirm();
    expect(await voidEntry(second)).toEqual({ entryDate: '2026-07-01', requestedDate: '2026-06-12' });
    expect((await t.db.query(`SELECT status FROM ledger_periods WHERE book_id = $1 AND month = '2026-06-01'`, [branch.bookId]))[0].status).toBe('CLOSED');
    expect(await reconcile('2026-06')).toMatchObject({ ledgerBalance: { amount: 12000 } });
    expect(await reconcile('2026-07')).toMatchObject({ agrees: false, ledgerBalance: { amount: 0 } });
    await confirm();
    expect(await reconcile('2026-06')).toMatchObject({ ledgerBalance: { amount: 12000 } });
    expect(await reconcile('2026-07')).toMatchObject({ agrees: true, ledgerBalance: { amount: 12000 } });
  });
});
