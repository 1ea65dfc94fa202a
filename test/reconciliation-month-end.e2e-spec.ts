import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#auth';
import { transactionDetailsFile, type DetailLine } from '#reconciliation';
import { gql } from './support/gql.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { NOW, PaymentsWorld } from './support/payments-world.js';

const RECONCILE = gql(`query ReconciliationMonthEndReport($id: ID!, $month: String!) { bankReconciliation(bankAccountId: $id, month: $month) {
  month agrees opening { amount } credits { amount } debits { amount } closing { amount } ledgerBalance { amount } difference { amount } unsettled { payerName status amount { amount } } } }`);
const REGISTER = gql(`mutation ReconciliationMonthEndRegisterAccount($input: RegisterBankAccountInput!) { registerBankAccount(input: $input) { id } }`);
const IMPORT = gql(`mutation ReconciliationMonthEndImport($input: ImportBankStatementInput!) { importBankStatement(input: $input) { autoConfirmed unmatched } }`);
const CLOSE = gql(`mutation ReconciliationMonthEndClose($id: ID!, $month: String!) { closeBankMonth(bankAccountId: $id, month: $month) }`);
const CSV = gql(`query ReconciliationMonthEndCsv($id: ID!, $month: String!) { bankReconciliationCsv(bankAccountId: $id, month: $month) }`);
const CONFIRM = gql(`mutation ReconciliationMonthEndConfirmLine($input: ConfirmStatementLineInput!) { confirmStatementLine(input: $input) { status } }`);

describe('month-end: the bank statement against the ledger, then the month closed', () => {
  let t: TestApp;
  let w: PaymentsWorld;
  let branch: Awaited<ReturnType<PaymentsWorld['branch']>>;
  let accountId: string;
  let memberNumber: string;

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW });
    w = await PaymentsWorld.create(t);
    branch = await w.branch();
    const m = await w.memberWithInvoice(branch.id);
    memberNumber = (await t.db.query(`SELECT member_number FROM members WHERE id = $1`, [m.memberId]))[0].member_number;
    const res = await t.gql(REGISTER, { input: { branchId: branch.id, bankCode: '0005', branchCode: '101', accountType: '1', accountNumber: '2222222', name: 'ﾚﾝﾀｲ' } }, { token: branch.treasurer });
    accountId = res.data!.registerBankAccount.id;
  });
  afterAll(() => checkThenClose(t, ledgerBalances));

  const file = (lines: DetailLine[]) =>
    transactionDetailsFile([{ bankCode: '0005', bankName: 'MUFG', branchCode: '101', branchName: 'ｼﾝｼﾞﾕｸ', accountNumber: '2222222', accountName: 'ﾚﾝﾀｲ', from: '2026-05-01', to: '2026-05-31', opening: 0n, lines }]);

  it('lists the line that explains a difference, refuses to close, and closes the month once it agrees', async () => {
    const imported = await t.gql(
      IMPORT,
      { input: { branchId: branch.id, content: file([
        { reference: '1', bookedOn: '2026-05-10', direction: 'IN', amount: 12000n, payerName: `${memberNumber} ﾀﾅｶ` },
        { reference: '2', bookedOn: '2026-05-12', direction: 'IN', amount: 3000n, payerName: 'ﾌﾒｲ ﾀﾛｳ' },
      ]).toString('base64') } },
      { token: branch.treasurer },
    );
    expect(imported.data!.importBankStatement).toMatchObject({ autoConfirmed: 1, unmatched: 1 });
    const r = (await t.gql(RECONCILE, { id: accountId, month: '2026-05' }, { token: branch.treasurer })).data!.bankReconciliation;
    expect(r).toMatchObject({ agrees: false, opening: { amount: 0 }, credits: { amount: 15000 }, closing: { amount: 15000 }, ledgerBalance: { amount: 12000 }, difference: { amount: 3000 }, unsettled: [{ payerName: 'ﾌﾒｲ ﾀﾛｳ', status: 'UNMATCHED' }] });
    const refused = await t.gql(CLOSE, { id: accountId, month: '2026-05' }, { token: branch.treasurer });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'RECONCILIATION_DIFFERENCE' });

    const csv = (await t.gql(CSV, { id: accountId, month: '2026-05' }, { token: branch.treasurer })).data!.bankReconciliationCsv;
    expect(csv).toContain('差額 / Difference');
    expect(csv).toContain('ﾌﾒｲ ﾀﾛｳ');

    const lineId = (await t.db.query(`SELECT id FROM reconciliation_lines WHERE payer_name = 'ﾌﾒｲ ﾀﾛｳ'`))[0].id;
    const other = await w.memberWithInvoice(branch.id);
    const confirmed = await t.gql(CONFIRM, { input: { lineId, allocations: [{ invoiceId: other.invoiceId, amount: 3000 }] } }, { token: branch.treasurer });
    expect(confirmed.errors).toBeUndefined();
    const agreed = (await t.gql(RECONCILE, { id: accountId, month: '2026-05' }, { token: branch.treasurer })).data!.bankReconciliation;
    expect(agreed).toMatchObject({ agrees: true, difference: { amount: 0 }, unsettled: [] });
    const auditor = (await t.signIn(Role.AUDITOR)).token;
    expect((await t.gql(CLOSE, { id: accountId, month: '2026-05' }, { token: auditor })).errors?.[0].extensions.code).toBe('FORBIDDEN');
    const closed = await t.gql(CLOSE, { id: accountId, month: '2026-05' }, { token: branch.treasurer });
    expect(closed.errors).toBeUndefined();
    expect((await t.db.query(`SELECT status FROM ledger_periods WHERE book_id = $1 AND month = '2026-05-01'`, [branch.bookId]))[0]?.status).toBe('CLOSED');
  });
});
