import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { transactionDetailsFile } from '#reconciliation';
import { gql } from './support/gql.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { NOW, PaymentsWorld, RECORD } from './support/payments-world.js';

const SETTLE = gql(`mutation ReconciliationFederationSettle($input: RecordSettlementInput!) { recordSettlement(input: $input) { id } }`);
const REGISTER = gql(`mutation ReconciliationFederationRegisterAccount($input: RegisterBankAccountInput!) { registerBankAccount(input: $input) { id holder branchId } }`);
const IMPORT = gql(`mutation ReconciliationFederationImport($input: ImportBankStatementInput!) { importBankStatement(input: $input) { newLines autoConfirmed suggested unmatched } }`);
const LINES = gql(`query ReconciliationFederationLines($id: ID!) { statementLines(bankAccountId: $id, first: 10) { id direction status settlementId suggestions { kind settlementId score explanationEn } } }`);
const CONFIRM = gql(`mutation ReconciliationFederationConfirmLine($input: ConfirmStatementLineInput!) { confirmStatementLine(input: $input) { id status settlementId } }`);
const UNCONFIRM = gql(`mutation ReconciliationFederationUnconfirmLine($id: ID!, $reason: String!) { unconfirmStatementLine(lineId: $id, reason: $reason) { id status settlementId } }`);

/** The federation's bank account: a branch's settlement transfer arrives, and is its side of the settlement — linked, nothing posted again. */
describe("the federation's account: incoming settlement transfers from branches", () => {
  let t: TestApp;
  let w: PaymentsWorld;
  let branch: Awaited<ReturnType<PaymentsWorld['branch']>>;
  let accountId: string;
  let branchAccountId: string;
  let settlementId: string;

  const entries = async () => Number((await t.db.query(`SELECT count(*) FROM journal_entries`))[0].count);
  const lines = async (id: string, token = w.admin) => {
    const res = await t.gql(LINES, { id }, { token });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.statementLines;
  };
  const file = (bank: { bankCode: string; branchCode: string; accountNumber: string; name: string }, direction: 'IN' | 'OUT', payerName: string) =>
    transactionDetailsFile([{ bankCode: bank.bankCode, bankName: 'RISONA', branchCode: bank.branchCode, branchName: 'ｼﾌﾞﾔ', accountNumber: bank.accountNumber, accountName: bank.name, from: '2026-06-01', to: '2026-06-14', opening: 100000n, lines: [
      { reference: '51', bookedOn: '2026-06-12', direction, amount: 3600n, payerName },
    ] }]).toString('base64');
  const FEDERATION = { bankCode: '0010', branchCode: '102', accountType: '1', accountNumber: '7777777', name: 'ﾚﾝﾀｲ ﾚﾝｺﾞｳｶｲ' };
  const BRANCH = { bankCode: '0010', branchCode: '101', accountType: '1', accountNumber: '6666666', name: 'ﾚﾝﾀｲ ｼﾌﾞ' };

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW });
    w = await PaymentsWorld.create(t);
    branch = await w.branch();
    const member = await w.memberWithInvoice(branch.id);
    const recorded = await t.gql(RECORD, { input: { memberId: member.memberId, method: 'BANK_TRANSFER', receivedOn: '2026-06-10', amount: { amount: 12000, currency: 'JPY' }, reference: '振込 0610', allocations: [{ invoiceId: member.invoiceId }] } }, { token: branch.treasurer });
    expect(recorded.errors).toBeUndefined();
    const settled = await t.gql(SETTLE, { input: { branchId: branch.id, amount: { amount: 3600, currency: 'JPY' }, settledOn: '2026-06-12', reference: '6月分' } }, { token: branch.treasurer });
    expect(settled.errors).toBeUndefined();
    settlementId = settled.data!.recordSettlement.id;
    branchAccountId = (await t.gql(REGISTER, { input: { branchId: branch.id, ...BRANCH } }, { token: branch.treasurer })).data!.registerBankAccount.id;
  });
  afterAll(() => checkThenClose(t, ledgerBalances));

  it("only federation admins register and import into the federation's account; a branch treasurer is refused, nothing changes", async () => {
    const refused = await t.gql(REGISTER, { input: { holder: 'FEDERATION', ...FEDERATION } }, { token: branch.treasurer });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'STATEMENT_ACCOUNT_NOT_IN_SCOPE' });
    const registered = await t.gql(REGISTER, { input: { holder: 'FEDERATION', ...FEDERATION } }, { token: w.admin });
    expect(registered.data!.registerBankAccount).toMatchObject({ holder: 'FEDERATION', branchId: null });
    accountId = registered.data!.registerBankAccount.id;
    const before = Number((await t.db.query(`SELECT count(*) FROM reconciliation_lines`))[0].count);
    const imported = await t.gql(IMPORT, { input: { content: file(FEDERATION, 'IN', 'ﾚﾝﾀｲ ｼﾌﾞ') } }, { token: branch.treasurer });
    expect(imported.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'STATEMENT_ACCOUNT_NOT_IN_SCOPE' });
    expect(Number((await t.db.query(`SELECT count(*) FROM reconciliation_lines`))[0].count)).toBe(before);
  });

  it("the branch's transfer arriving is matched to the settlement on both sides, each side once, posting nothing", async () => {
    const before = await entries();
    // The branch's debit and the federation's credit of the same settlement.
    expect((await t.gql(IMPORT, { input: { branchId: branch.id, content: file(BRANCH, 'OUT', 'ﾚﾝﾀｲ ﾚﾝｺﾞｳｶｲ') } }, { token: branch.treasurer })).data!.importBankStatement).toMatchObject({ autoConfirmed: 1 });
    const imported = await t.gql(IMPORT, { input: { content: file(FEDERATION, 'IN', 'ﾚﾝﾀｲ ｼﾌﾞ') } }, { token: w.admin });
    expect(imported.errors).toBeUndefined();
    expect(imported.data!.importBankStatement).toEqual({ newLines: 1, autoConfirmed: 1, suggested: 0, unmatched: 0 });
    const [line] = await lines(accountId);
    expect(line).toMatchObject({ direction: 'IN', status: 'CONFIRMED', settlementId });
    expect(line.suggestions[0]).toMatchObject({ kind: 'SETTLEMENT', settlementId, score: 100 });
    expect(line.suggestions[0].explanationEn).toContain("amount equals a branch's settlement to the federation of ¥3,600 (2026-06-12, 6月分)");
    expect((await lines(branchAccountId, branch.treasurer))[0]).toMatchObject({ status: 'CONFIRMED', settlementId });
    expect(await entries()).toBe(before);
    // The branch treasurer does not read the federation's account.
    expect((await t.gql(LINES, { id: accountId }, { token: branch.treasurer })).errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('unconfirming unlinks the federation side only; confirming again by the settlement relinks it; the ledger never moves', async () => {
    const [line] = await lines(accountId);
    const before = await entries();
    const undone = await t.gql(UNCONFIRM, { id: line.id, reason: 'check' }, { token: w.admin });
    expect(undone.data!.unconfirmStatementLine).toMatchObject({ status: 'SUGGESTED', settlementId: null });
    expect((await lines(branchAccountId, branch.treasurer))[0]).toMatchObject({ status: 'CONFIRMED', settlementId });
    const unknown = await t.gql(CONFIRM, { input: { lineId: line.id, settlementId: '00000000-0000-4000-8000-000000000000' } }, { token: w.admin });
    expect(unknown.errors?.[0].extensions).toMatchObject({ reason: 'STATEMENT_SETTLEMENT_NOT_FOUND', fields: [{ field: 'input.settlementId' }] });
    expect((await t.db.query(`SELECT status, federation_settlement_id FROM reconciliation_lines WHERE id = $1`, [line.id]))[0]).toEqual({ status: 'SUGGESTED', federation_settlement_id: null });
    const again = await t.gql(CONFIRM, { input: { lineId: line.id, settlementId } }, { token: w.admin });
    expect(again.data!.confirmStatementLine).toMatchObject({ status: 'CONFIRMED', settlementId });
    expect(await entries()).toBe(before);
  });
});
