import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#auth';
import { createBranch } from '#testing';
import { transactionDetailsFile } from '#reconciliation';
import { gql, type ResultOf } from './support/gql.js';
import { TestApp, type SignedInUser } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { AccountCode, GQL, GrantsWorld, NOW, PAYEE } from './support/grants-world.js';

const REGISTER = gql(`mutation ReconciliationGrantsRegisterAccount($input: RegisterBankAccountInput!) { registerBankAccount(input: $input) { id holder branchId bookId } }`);
const ACCOUNTS = gql(`query ReconciliationGrantsBankAccounts { bankAccounts { id holder } }`);
const IMPORT = gql(`mutation ReconciliationGrantsImport($input: ImportBankStatementInput!) { importBankStatement(input: $input) { newLines autoConfirmed suggested unmatched } }`);
const LINES = gql(`query ReconciliationGrantsLines($id: ID!) { statementLines(bankAccountId: $id, first: 10) { id direction status grantBatchId paymentIds amount { amount }
  suggestions { kind grantBatchId score explanationEn } } }`);
const CONFIRM = gql(`mutation ReconciliationGrantsConfirmLine($input: ConfirmStatementLineInput!) { confirmStatementLine(input: $input) { id status grantBatchId paymentIds } }`);
const UNCONFIRM = gql(`mutation ReconciliationGrantsUnconfirmLine($id: ID!, $reason: String!) { unconfirmStatementLine(lineId: $id, reason: $reason) { id status } }`);
const BATCH = gql(`query ReconciliationGrantsBatch($id: ID!) { grantBatch(id: $id) { id disbursements { id status paidOn } } }`);
const MONTH = gql(`query ReconciliationGrantsMonth($id: ID!, $month: String!) { bankReconciliation(bankAccountId: $id, month: $month) { closing { amount } ledgerBalance { amount } unsettled { id } notOnBank { paymentId } } }`);

type Line = ResultOf<typeof LINES>['statementLines'][number];

/** The foundation's bank account: the bank's 総合振込 debits matched to the grant payment batches, which grants then show paid. */
describe("outgoing lines of the foundation's account: grant payment batches", () => {
  let t: TestApp;
  let w: GrantsWorld;
  let treasurer: SignedInUser;
  let branchId: string;
  let accountId: string;
  let batches: { id: string; programId: string; applicationId: string; code: string }[] = [];
  let lines: Line[];

  const FOUNDATION_ACCOUNT = { bankCode: '0005', branchCode: '001', accountType: '1', accountNumber: '1234567', name: 'ｻﾞｲ)ﾚﾝﾀｲｻﾞｲﾀﾞﾝ' };
  const statement = (refs: string[]) =>
    transactionDetailsFile([{ bankCode: '0005', bankName: 'MUFG', branchCode: '001', branchName: 'ﾎﾝﾃﾝ', accountNumber: '1234567', accountName: 'ｻﾞｲ)ﾚﾝﾀｲｻﾞｲﾀﾞﾝ', from: '2026-06-15', to: '2026-06-19', opening: 500000n, lines: refs.map((reference) => (
      { reference, bookedOn: '2026-06-19', direction: 'OUT' as const, amount: 50000n, payerName: 'ｿｳｺﾞｳﾌﾘｺﾐ' }
    )) }]);
  const counts = async () => (await t.db.query(`SELECT (SELECT count(*) FROM reconciliation_lines)::int AS lines, (SELECT count(*) FROM reconciliation_statements)::int AS statements,
    (SELECT count(*) FROM journal_entries)::int AS entries, (SELECT count(*) FROM grant_disbursements WHERE status = 'PAID')::int AS paid`))[0];
  const readLines = async (user: SignedInUser = w.officer): Promise<Line[]> => (await w.ok(LINES, { id: accountId }, user)).statementLines;

  /** A program with one approved application of 50,000 to the provider, queued, batched for 19 June and exported. */
  const exportedBatch = async () => {
    const program = await w.program();
    const app = await w.reviewed(program.id, { by: 'officer' });
    await w.ok(GQL.approve, { input: { id: app.id, costs: [{ category: 'TUITION', amount: 50000 }] } }, w.approver);
    await w.ok(GQL.setPayee, { input: { applicationId: app.id, ...PAYEE } }, w.officer);
    await w.ok(GQL.schedule, { input: { applicationId: app.id, amount: 50000 } }, w.officer);
    const batch = (await w.ok(GQL.createBatch, { input: { programId: program.id, transferDate: '2026-06-19' } }, w.officer)).createGrantBatch;
    await w.ok(GQL.exportBatch, { id: batch.id }, w.officer);
    return { id: batch.id, programId: program.id, applicationId: app.id, code: program.code };
  };

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW });
    w = await GrantsWorld.create(t);
    branchId = (await createBranch(t.app)).id;
    treasurer = await t.signIn(Role.BRANCH_TREASURER, { branchIds: [branchId] });
    // Two programs paid on the same day by batches of the same total: the debits cannot tell them apart by amount.
    batches = [await exportedBatch(), await exportedBatch()];
  });
  afterAll(() => checkThenClose(t, ledgerBalances));

  it("registers the foundation's account for grant staff only; a branch treasurer neither registers nor sees it", async () => {
    const refused = await t.gql(REGISTER, { input: { holder: 'FOUNDATION', ...FOUNDATION_ACCOUNT } }, { token: treasurer.token });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'STATEMENT_ACCOUNT_NOT_IN_SCOPE' });
    const both = await t.gql(REGISTER, { input: { holder: 'FOUNDATION', branchId, ...FOUNDATION_ACCOUNT } }, { token: w.admin.token });
    expect(both.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'STATEMENT_ACCOUNT_HOLDER', fields: [{ field: 'input.holder' }] });
    const wrongHolder = await t.gql(REGISTER, { input: { holder: 'BRANCH', ...FOUNDATION_ACCOUNT } }, { token: w.admin.token });
    expect(wrongHolder.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(Number((await t.db.query(`SELECT count(*) FROM reconciliation_bank_accounts`))[0].count)).toBe(0);

    const account = (await w.ok(REGISTER, { input: { holder: 'FOUNDATION', ...FOUNDATION_ACCOUNT } }, w.officer)).registerBankAccount;
    expect(account).toMatchObject({ holder: 'FOUNDATION', branchId: null, bookId: await w.foundationBookId() });
    accountId = account.id;
    // The database holds holder and branch together too.
    await expect(t.db.query(`UPDATE reconciliation_bank_accounts SET branch_id = $2 WHERE id = $1`, [accountId, branchId])).rejects.toThrow(/holder_branch_check/);

    expect((await w.ok(ACCOUNTS, {}, w.approver)).bankAccounts).toEqual([{ id: accountId, holder: 'FOUNDATION' }]);
    expect((await w.ok(ACCOUNTS, {}, w.auditor)).bankAccounts).toEqual([{ id: accountId, holder: 'FOUNDATION' }]);
    expect((await w.ok(ACCOUNTS, {}, treasurer)).bankAccounts).toEqual([]);
    const lines = await t.gql(LINES, { id: accountId }, { token: treasurer.token });
    expect(lines.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it("a branch treasurer's import of the foundation's statement is refused, with or without a branch; nothing imported", async () => {
    const before = await counts();
    const content = statement(['41', '42']).toString('base64');
    const own = await t.gql(IMPORT, { input: { branchId, content } }, { token: treasurer.token });
    expect(own.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'STATEMENT_ACCOUNT_OF_ANOTHER_BRANCH', fields: [{ field: 'input.content' }] });
    const none = await t.gql(IMPORT, { input: { content } }, { token: treasurer.token });
    expect(none.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'STATEMENT_ACCOUNT_NOT_IN_SCOPE' });
    const member = await t.gql(IMPORT, { input: { content } }, { token: w.member.token });
    expect(member.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
  });

  it('imports the Zengin 03 statement: each debit is suggested as either batch (same total, same day), explained, none confirmed alone', async () => {
    const before = await counts();
    const imported = (await w.ok(IMPORT, { input: { content: statement(['41', '42']).toString('base64') } }, w.officer)).importBankStatement;
    expect(imported).toEqual({ newLines: 2, autoConfirmed: 0, suggested: 2, unmatched: 0 });
    expect(await counts()).toMatchObject({ entries: before.entries, paid: 0 });
    lines = await readLines();
    for (const line of lines) {
      expect(line).toMatchObject({ status: 'SUGGESTED', grantBatchId: null });
      expect(line.suggestions.map((s) => s.grantBatchId).sort()).toEqual(batches.map((b) => b.id).sort());
      expect(line.suggestions[0]).toMatchObject({ kind: 'GRANT_BATCH', score: 80 });
      expect(line.suggestions[0].explanationEn).toContain('amount equals the grant payment batch of ¥50,000 (1 transfers, transfer date 2026-06-19)');
      expect(line.suggestions[0].explanationEn).toContain('2 batches of this total and date');
    }
  });

  it("confirming marks the batch's payment paid in grants (posted once, Dr 2300 / Cr 1200); the other debit takes the other batch", async () => {
    const [first, second] = lines;
    const [a, b] = batches;
    const entries = (await counts()).entries;
    const confirmed = (await w.ok(CONFIRM, { input: { lineId: first.id, grantBatchId: a.id } }, w.officer)).confirmStatementLine;
    expect(confirmed).toMatchObject({ status: 'CONFIRMED', grantBatchId: a.id, paymentIds: [] });
    expect((await w.ok(BATCH, { id: a.id }, w.officer)).grantBatch.disbursements).toEqual([expect.objectContaining({ status: 'PAID', paidOn: '2026-06-19' })]);
    expect((await w.ok(GQL.application, { id: a.applicationId }, w.officer)).grantApplication.status).toBe('DISBURSED');
    expect(await w.balance(AccountCode.Bank, `GRANT:${a.code}`)).toBe(-50000n);
    expect(await w.balance(AccountCode.GrantsPayable, `GRANT:${a.code}`)).toBe(0n);
    expect((await counts()).entries).toBe(entries + 1);

    // The same batch for the second debit is taken; nothing changes.
    const before = await counts();
    const taken = await t.gql(CONFIRM, { input: { lineId: second.id, grantBatchId: a.id } }, { token: w.officer.token });
    expect(taken.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'STATEMENT_GRANT_BATCH_TAKEN' });
    const unknown = await t.gql(CONFIRM, { input: { lineId: second.id, grantBatchId: '00000000-0000-4000-8000-000000000000' } }, { token: w.officer.token });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'STATEMENT_GRANT_BATCH_NOT_FOUND', fields: [{ field: 'input.grantBatchId' }] });
    const foreign = await t.gql(CONFIRM, { input: { lineId: second.id, grantBatchId: b.id } }, { token: treasurer.token });
    expect(foreign.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);

    const other = (await w.ok(CONFIRM, { input: { lineId: second.id, grantBatchId: b.id } }, w.approver)).confirmStatementLine;
    expect(other).toMatchObject({ status: 'CONFIRMED', grantBatchId: b.id });
    expect((await w.ok(BATCH, { id: b.id }, w.officer)).grantBatch.disbursements).toEqual([expect.objectContaining({ status: 'PAID' })]);
    expect((await counts()).paid).toBe(2);
  });

  it('unconfirming is refused with the reason (grants have no un-pay); importing the file again changes nothing', async () => {
    const before = await counts();
    const undo = await t.gql(UNCONFIRM, { id: lines[0].id, reason: 'check' }, { token: w.officer.token });
    expect(undo.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'STATEMENT_GRANT_PAYMENT_FINAL' });
    expect(undo.errors?.[0].message).toContain('returnGrantDisbursement');
    const again = (await w.ok(IMPORT, { input: { content: statement(['41', '42']).toString('base64') } }, w.officer)).importBankStatement;
    expect(again).toMatchObject({ newLines: 0, autoConfirmed: 0 });
    expect(await counts()).toEqual(before);
    expect((await readLines()).map((l) => l.status)).toEqual(['CONFIRMED', 'CONFIRMED']);
  });

  it('a single batch of its total on its day is confirmed on import, and an auditor reads the statement', async () => {
    const c = await exportedBatch();
    const imported = (await w.ok(IMPORT, { input: { content: statement(['41', '42', '43']).toString('base64') } }, w.officer)).importBankStatement;
    expect(imported).toEqual({ newLines: 1, autoConfirmed: 1, suggested: 0, unmatched: 0 });
    const third = (await readLines(w.auditor))[2];
    expect(third).toMatchObject({ status: 'CONFIRMED', grantBatchId: c.id, suggestions: [expect.objectContaining({ kind: 'GRANT_BATCH', score: 100 })] });
    expect((await w.ok(BATCH, { id: c.id }, w.officer)).grantBatch.disbursements).toEqual([expect.objectContaining({ status: 'PAID', paidOn: '2026-06-19' })]);
  });

  it('a batch an officer already marked paid by hand still gets its debit: linked, explained as such, nothing posted again', async () => {
    const d = await exportedBatch();
    await w.ok(GQL.markPaid, { input: { batchId: d.id, paidOn: '2026-06-19' } }, w.officer);
    const before = await counts();
    const imported = (await w.ok(IMPORT, { input: { content: statement(['41', '42', '43', '44']).toString('base64') } }, w.officer)).importBankStatement;
    expect(imported).toEqual({ newLines: 1, autoConfirmed: 1, suggested: 0, unmatched: 0 });
    const fourth = (await readLines())[3];
    expect(fourth).toMatchObject({ status: 'CONFIRMED', grantBatchId: d.id });
    expect(fourth.suggestions[0].explanationEn).toContain('already marked paid in grants: confirming links it, nothing is posted again');
    expect(await counts()).toMatchObject({ entries: before.entries, paid: before.paid, lines: before.lines + 1 });
    expect(await w.balance(AccountCode.Bank, `GRANT:${d.code}`)).toBe(-50000n);
    // Month-end of the foundation's account, for grant staff: every line settled; the ledger lacks only the opening balance.
    const month = (await w.ok(MONTH, { id: accountId, month: '2026-06' }, w.officer)).bankReconciliation;
    expect(month).toEqual({ closing: { amount: 300000 }, ledgerBalance: { amount: -200000 }, unsettled: [], notOnBank: [] });
  });
});
