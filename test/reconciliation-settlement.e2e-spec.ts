import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { transactionDetailsFile } from '#reconciliation';
import { gql, type ResultOf } from './support/gql.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { NOW, PaymentsWorld, RECORD } from './support/payments-world.js';

const SETTLE = gql(`mutation ReconciliationSettlementRecord($input: RecordSettlementInput!) { recordSettlement(input: $input) { id } }`);
const IMPORT = gql(`mutation ReconciliationSettlementImport($input: ImportBankStatementInput!) { importBankStatement(input: $input) { autoConfirmed suggested unmatched } }`);
const LINES = gql(`query ReconciliationSettlementLines($id: ID!) { statementLines(bankAccountId: $id, first: 10) { id direction status settlementId paymentIds amount { amount }
  suggestions { kind settlementId score explanationEn } } }`);
const CONFIRM = gql(`mutation ReconciliationSettlementConfirmLine($input: ConfirmStatementLineInput!) { confirmStatementLine(input: $input) { id status settlementId paymentIds } }`);
const UNCONFIRM = gql(`mutation ReconciliationSettlementUnconfirmLine($id: ID!, $reason: String!) { unconfirmStatementLine(lineId: $id, reason: $reason) { id status settlementId } }`);
const REGISTER = gql(`mutation ReconciliationSettlementRegisterAccount($input: RegisterBankAccountInput!) { registerBankAccount(input: $input) { id } }`);
const RECONCILE = gql(`query ReconciliationSettlementMonth($id: ID!, $month: String!) { bankReconciliation(bankAccountId: $id, month: $month) { agrees closing { amount } ledgerBalance { amount } unsettled { id } } }`);

/** An outgoing line that is the branch's settlement transfer to the federation: matched, and cleared without a second posting. */
describe('outgoing lines: settlement transfers to the federation', () => {
  let t: TestApp;
  let w: PaymentsWorld;
  let branch: Awaited<ReturnType<PaymentsWorld['branch']>>;
  let other: Awaited<ReturnType<PaymentsWorld['branch']>>;
  let accountId: string;
  let settlementId: string;
  let paymentId: string;
  let lines: ResultOf<typeof LINES>['statementLines'];

  const entries = async () => Number((await t.db.query(`SELECT count(*) FROM journal_entries`))[0].count);
  const readLines = async () => {
    const res = await t.gql(LINES, { id: accountId }, { token: branch.treasurer });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.statementLines;
  };
  const lineRow = async (id: string) => (await t.db.query(`SELECT status, settlement_id, confirmations FROM reconciliation_lines WHERE id = $1`, [id]))[0];

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW });
    w = await PaymentsWorld.create(t);
    branch = await w.branch();
    other = await w.branch();
    const member = await w.memberWithInvoice(branch.id);
    // The branch collects 12,000 by bank transfer (3,600 is the federation's share), then settles it.
    const recorded = await t.gql(RECORD, { input: { memberId: member.memberId, method: 'BANK_TRANSFER', receivedOn: '2026-06-10', amount: { amount: 12000, currency: 'JPY' }, reference: '振込 0610', allocations: [{ invoiceId: member.invoiceId }] } }, { token: branch.treasurer });
    expect(recorded.errors).toBeUndefined();
    paymentId = recorded.data!.recordPayment.id;
    const settled = await t.gql(SETTLE, { input: { branchId: branch.id, amount: { amount: 3600, currency: 'JPY' }, settledOn: '2026-06-12', reference: '6月分' } }, { token: branch.treasurer });
    expect(settled.errors).toBeUndefined();
    settlementId = settled.data!.recordSettlement.id;
    const res = await t.gql(REGISTER, { input: { branchId: branch.id, bankCode: '0010', branchCode: '101', accountType: '1', accountNumber: '6666666', name: 'ﾚﾝﾀｲ' } }, { token: branch.treasurer });
    accountId = res.data!.registerBankAccount.id;
  });
  afterAll(() => checkThenClose(t, ledgerBalances));

  it('the debit of the settlement is matched and confirmed on import without posting anything; a second debit of that amount finds it taken', async () => {
    const before = await entries();
    const file = transactionDetailsFile([{ bankCode: '0010', bankName: 'RISONA', branchCode: '101', branchName: 'ｼﾌﾞﾔ', accountNumber: '6666666', accountName: 'ﾚﾝﾀｲ', from: '2026-06-01', to: '2026-06-14', opening: 0n, lines: [
      { reference: '31', bookedOn: '2026-06-10', direction: 'IN', amount: 12000n, payerName: 'ｽｽﾞｷ ｲﾁﾛｳ' },
      { reference: '32', bookedOn: '2026-06-12', direction: 'OUT', amount: 3600n, payerName: 'ﾚﾝﾀｲ ﾚﾝｺﾞｳｶｲ' },
      { reference: '33', bookedOn: '2026-06-13', direction: 'OUT', amount: 3600n, payerName: 'ﾚﾝﾀｲ ﾚﾝｺﾞｳｶｲ' },
    ] }]);
    const imported = await t.gql(IMPORT, { input: { branchId: branch.id, content: file.toString('base64') } }, { token: branch.treasurer });
    expect(imported.errors).toBeUndefined();
    expect(imported.data!.importBankStatement).toMatchObject({ autoConfirmed: 1 });
    expect(await entries()).toBe(before);
    lines = await readLines();
    const [, transfer, second] = lines;
    expect(transfer).toMatchObject({ direction: 'OUT', status: 'CONFIRMED', settlementId, paymentIds: [] });
    expect(transfer.suggestions[0]).toMatchObject({ kind: 'SETTLEMENT', settlementId, score: 100 });
    expect(transfer.suggestions[0].explanationEn).toContain('amount equals the settlement to the federation of ¥3,600 (2026-06-12, 6月分)');
    expect(second).toMatchObject({ status: 'UNMATCHED', settlementId: null, suggestions: [] });
    // Linking the incoming line to the hand-recorded transfer leaves only the second debit unexplained.
    expect((await t.gql(CONFIRM, { input: { lineId: lines[0].id, paymentId } }, { token: branch.treasurer })).errors).toBeUndefined();
    expect((await t.gql(RECONCILE, { id: accountId, month: '2026-06' }, { token: branch.treasurer })).data!.bankReconciliation).toMatchObject({ agrees: false, closing: { amount: 4800 }, ledgerBalance: { amount: 8400 }, unsettled: [{ id: second.id }] });
  });

  it('refuses a settlement already matched, an incoming line, an unknown settlement and another branch; nothing changes', async () => {
    const [incoming, , second] = lines;
    const before = await lineRow(second.id);
    const taken = await t.gql(CONFIRM, { input: { lineId: second.id, settlementId } }, { token: branch.treasurer });
    expect(taken.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'STATEMENT_SETTLEMENT_TAKEN' });
    const unknown = await t.gql(CONFIRM, { input: { lineId: second.id, settlementId: '00000000-0000-4000-8000-000000000000' } }, { token: branch.treasurer });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'STATEMENT_SETTLEMENT_NOT_FOUND', fields: [{ field: 'input.settlementId' }] });
    const notUuid = await t.gql(CONFIRM, { input: { lineId: second.id, settlementId: 'settlement-1' } }, { token: branch.treasurer });
    expect(notUuid.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const foreign = await t.gql(CONFIRM, { input: { lineId: second.id, settlementId } }, { token: other.treasurer });
    expect(foreign.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(await lineRow(second.id)).toEqual(before);
    // The incoming line is linked already; unlinked first, it is still no settlement transfer.
    expect((await t.gql(UNCONFIRM, { id: incoming.id, reason: 'check' }, { token: branch.treasurer })).errors).toBeUndefined();
    const incomingBefore = await lineRow(incoming.id);
    const wrongWay = await t.gql(CONFIRM, { input: { lineId: incoming.id, settlementId } }, { token: branch.treasurer });
    expect(wrongWay.errors?.[0].extensions).toMatchObject({ reason: 'STATEMENT_LINE_NOT_OUTGOING', fields: [{ field: 'input.lineId' }] });
    expect(await lineRow(incoming.id)).toEqual(incomingBefore);
    expect((await t.gql(CONFIRM, { input: { lineId: incoming.id, paymentId } }, { token: branch.treasurer })).errors).toBeUndefined();
  });

  it('unconfirming unlinks the settlement (its postings stand), and the best suggestion confirms it again; the ledger never moves', async () => {
    const [, transfer] = lines;
    const before = await entries();
    const balance = await w.balance(branch.bookId, '1200');
    const undone = await t.gql(UNCONFIRM, { id: transfer.id, reason: '確認 / check' }, { token: branch.treasurer });
    expect(undone.errors).toBeUndefined();
    expect(undone.data!.unconfirmStatementLine).toMatchObject({ status: 'SUGGESTED', settlementId: null });
    expect((await t.db.query(`SELECT branch_entry_id IS NOT NULL AS posted FROM settlements WHERE id = $1`, [settlementId]))[0].posted).toBe(true);
    const again = await t.gql(CONFIRM, { input: { lineId: transfer.id } }, { token: branch.treasurer });
    expect(again.errors).toBeUndefined();
    expect(again.data!.confirmStatementLine).toMatchObject({ status: 'CONFIRMED', settlementId, paymentIds: [] });
    expect(await entries()).toBe(before);
    expect(await w.balance(branch.bookId, '1200')).toBe(balance);
  });
});
