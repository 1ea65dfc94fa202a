import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { Role } from '#auth';
import { FREEE_HEADER, MONEY_FORWARD_HEADER, PLAIN_HEADER, transactionDetailsFile } from '#reconciliation';
import { gql } from './support/gql.js';
import { runCli } from './support/run-cli.js';
import type { JournalExportFormat, SetAccountMappingInput } from './support/schema-types.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { NOW, PaymentsWorld, RECORD } from './support/payments-world.js';

const RECONCILE = gql(`query ReconciliationCloseMonth($id: ID!, $month: String!) { bankReconciliation(bankAccountId: $id, month: $month) {
  agrees opening { amount } credits { amount } debits { amount } closing { amount } ledgerBalance { amount } difference { amount }
  unsettled { id payerName memo status amount { amount } } notOnBank { paymentId receivedOn reference amount { amount } } } }`);
const CONFIRM = gql(`mutation ReconciliationCloseConfirmLine($input: ConfirmStatementLineInput!) { confirmStatementLine(input: $input) { id status paymentIds } }`);
const UNCONFIRM = gql(`mutation ReconciliationCloseUnconfirmLine($id: ID!, $reason: String!) { unconfirmStatementLine(lineId: $id, reason: $reason) { id status paymentIds } }`);
const NOT_DUES = gql(`mutation ReconciliationCloseMarkNotDues($input: MarkStatementLineNotDuesInput!) { markStatementLineNotDues(input: $input) { status journalEntryId } }`);
const EXPORT = gql(`query ReconciliationCloseJournalExport($bookId: ID!, $format: JournalExportFormat!, $from: String!, $to: String!) { journalExport(bookId: $bookId, format: $format, from: $from, to: $to) { filename contentBase64 entries } }`);
const SET_MAPPING = gql(`mutation ReconciliationCloseSetAccountMapping($input: SetAccountMappingInput!) { setAccountMapping(input: $input) { accountCode name subName taxClass } }`);
const MAPPING = gql(`query ReconciliationCloseAccountMapping($bookId: ID!) { accountMapping(bookId: $bookId) { accountCode } }`);
const REGISTER = gql(`mutation ReconciliationCloseRegisterBankAccount($input: RegisterBankAccountInput!) { registerBankAccount(input: $input) { id } }`);
const CREATE_ACCOUNT = gql(`mutation ReconciliationCloseCreateAccount($input: CreateAccountInput!) { createAccount(input: $input) { code } }`);
const REPORT_PDF = gql(`query ReconciliationCloseReportPdf($branchId: ID!, $month: String!) { branchReconciliationPdf(branchId: $branchId, month: $month) }`);
const REPORT_CSV = gql(`query ReconciliationCloseReportCsv($branchId: ID!, $month: String!) { branchReconciliationCsv(branchId: $branchId, month: $month) }`);

/** A treasurer goes from a bank file to a closed month, through the CLI and GraphQL, with real files; then exports the books. */
describe('from a bank file to a closed month, and the journal for accounting software', () => {
  let t: TestApp;
  let w: PaymentsWorld;
  let branch: Awaited<ReturnType<PaymentsWorld['branch']>>;
  let other: Awaited<ReturnType<PaymentsWorld['branch']>>;
  let accountId: string;
  let byHand: { paymentId: string; memberNumber: string };
  let auto: { memberNumber: string };
  const dir = mkdtempSync(join(tmpdir(), 'reconciliation-close-'));
  const file = join(dir, 'june.txt');

  const number = async (memberId: string) => (await t.db.query(`SELECT member_number FROM members WHERE id = $1`, [memberId]))[0].member_number as string;
  const reconcile = async (token = branch.treasurer) => {
    const res = await t.gql(RECONCILE, { id: accountId, month: '2026-06' }, { token });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.bankReconciliation;
  };

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW });
    w = await PaymentsWorld.create(t);
    branch = await w.branch();
    other = await w.branch();
    const a = await w.memberWithInvoice(branch.id);
    const b = await w.memberWithInvoice(branch.id);
    // A bank transfer the treasurer recorded by hand before the statement came.
    const recorded = await t.gql(RECORD, { input: { memberId: a.memberId, method: 'BANK_TRANSFER', receivedOn: '2026-06-10', amount: { amount: 12000, currency: 'JPY' }, reference: '振込 0610', allocations: [{ invoiceId: a.invoiceId }] } }, { token: branch.treasurer });
    expect(recorded.errors).toBeUndefined();
    byHand = { paymentId: recorded.data!.recordPayment.id, memberNumber: await number(a.memberId) };
    auto = { memberNumber: await number(b.memberId) };
    const res = await t.gql(REGISTER, { input: { branchId: branch.id, bankCode: '0005', branchCode: '301', accountType: '1', accountNumber: '4444444', name: 'ﾚﾝﾀｲ' } }, { token: branch.treasurer });
    accountId = res.data!.registerBankAccount.id;
    expect((await t.gql(CREATE_ACCOUNT, { input: { bookId: branch.bookId, code: '4900', type: 'INCOME', nameJa: '受取利息', nameEn: 'Interest income' } }, { token: w.admin })).errors).toBeUndefined();
    writeFileSync(file, transactionDetailsFile([{ bankCode: '0005', bankName: 'MUFG', branchCode: '301', branchName: 'ｳｴﾉ', accountNumber: '4444444', accountName: 'ﾚﾝﾀｲ', from: '2026-06-01', to: '2026-06-30', opening: 0n, lines: [
      { reference: '11', bookedOn: '2026-06-11', direction: 'IN', amount: 12000n, payerName: 'ｽｽﾞｷ ｲﾁﾛｳ' },
      { reference: '12', bookedOn: '2026-06-12', direction: 'IN', amount: 12000n, payerName: `${auto.memberNumber} ﾀﾅｶ` },
      { reference: '13', bookedOn: '2026-06-30', direction: 'IN', transactionType: '18', amount: 7n, memo: 'ﾘｿｸ' },
      { reference: '14', bookedOn: '2026-06-30', direction: 'OUT', transactionType: '18', amount: 330n, memo: 'ﾃｽｳﾘﾖｳ' },
    ] }]));
  });
  afterAll(() => checkThenClose(t, ledgerBalances));

  it('imports the file through the CLI; the month-end lists what explains the difference: lines not in the ledger and the hand-recorded payment not yet on the bank', async () => {
    const run = await runCli(t.app, ['statements:import', file, '--branch', branch.id, '--lang', 'en']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('4 lines (4 new): 1 confirmed automatically');
    const r = await reconcile();
    expect(r).toMatchObject({ agrees: false, opening: { amount: 0 }, credits: { amount: 24007 }, debits: { amount: 330 }, closing: { amount: 23677 }, ledgerBalance: { amount: 24000 }, difference: { amount: -323 } });
    expect(r.unsettled.map((l) => l.payerName || l.memo)).toEqual(['ｽｽﾞｷ ｲﾁﾛｳ', 'ﾘｿｸ', 'ﾃｽｳﾘﾖｳ']);
    expect(r.notOnBank).toEqual([{ paymentId: byHand.paymentId, receivedOn: '2026-06-10', reference: '振込 0610', amount: { amount: 12000 } }]);
    const cli = await runCli(t.app, ['statements:month-end', '--account', accountId, '--month', '2026-06', '--close', '--lang', 'en']);
    expect(cli.exitCode).toBe(1);
    expect(cli.stdout).toContain('difference ¥-323 (3 unsettled lines, 1 payments not yet on the bank)');
    expect(cli.stderr).toContain('The bank and the ledger differ by -323 yen');
  });

  it('links the line to the payment recorded by hand (nothing posted twice); refuses a payment of another amount or branch; unlinking never voids it', async () => {
    const [line] = (await reconcile()).unsettled;
    const ledgerBefore = (await reconcile()).ledgerBalance.amount;
    const otherMember = await w.memberWithInvoice(other.id);
    const foreign = await t.gql(RECORD, { input: { memberId: otherMember.memberId, method: 'BANK_TRANSFER', receivedOn: '2026-06-10', amount: { amount: 12000, currency: 'JPY' }, allocations: [{ invoiceId: otherMember.invoiceId }] } }, { token: other.treasurer });
    const refused = await t.gql(CONFIRM, { input: { lineId: line.id, paymentId: foreign.data!.recordPayment.id } }, { token: branch.treasurer });
    expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const linked = await t.gql(CONFIRM, { input: { lineId: line.id, paymentId: byHand.paymentId } }, { token: branch.treasurer });
    expect(linked.errors).toBeUndefined();
    expect(linked.data!.confirmStatementLine).toMatchObject({ status: 'CONFIRMED', paymentIds: [byHand.paymentId] });
    const undone = await t.gql(UNCONFIRM, { id: line.id, reason: '確認 / check' }, { token: branch.treasurer });
    expect(undone.data!.unconfirmStatementLine).toMatchObject({ paymentIds: [] });
    expect((await t.db.query(`SELECT status FROM payments WHERE id = $1`, [byHand.paymentId]))[0].status).toBe('RECORDED');
    expect((await t.gql(CONFIRM, { input: { lineId: line.id, paymentId: byHand.paymentId } }, { token: branch.treasurer })).errors).toBeUndefined();
    const r = await reconcile();
    expect(r.ledgerBalance.amount).toBe(ledgerBefore);
    expect(r.notOnBank).toEqual([]);
  });

  it('interest and the bank fee posted as not dues: the month agrees; the report as PDF and CSV; closed through the CLI', async () => {
    const [interest, fee] = (await reconcile()).unsettled;
    expect((await t.gql(NOT_DUES, { input: { lineId: interest.id, category: 'INTEREST', accountCode: '4900' } }, { token: branch.treasurer })).errors).toBeUndefined();
    expect((await t.gql(NOT_DUES, { input: { lineId: fee.id, category: 'BANK_FEE', accountCode: '5200' } }, { token: branch.treasurer })).errors).toBeUndefined();
    expect(await reconcile()).toMatchObject({ agrees: true, difference: { amount: 0 }, ledgerBalance: { amount: 23677 }, unsettled: [], notOnBank: [] });

    const pdf = Buffer.from((await t.gql(REPORT_PDF, { branchId: branch.id, month: '2026-06' }, { token: branch.treasurer })).data!.branchReconciliationPdf, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansJP/);
    const csv = (await t.gql(REPORT_CSV, { branchId: branch.id, month: '2026-06' }, { token: branch.treasurer })).data!.branchReconciliationCsv;
    expect(csv.startsWith('\uFEFF口座 / Account,項目 / Item')).toBe(true);
    expect(csv).toContain('0005-301 1 4444444 ﾚﾝﾀｲ,集計 / Summary,,,0,24007,330,23677,23677,0,AGREES');
    expect((await t.gql(REPORT_PDF, { branchId: branch.id, month: '2026-06' }, { token: other.treasurer })).errors?.[0].extensions.code).toBe('FORBIDDEN');

    t.clock!.set(new Date('2026-07-02T03:00:00Z'));
    const run = await runCli(t.app, ['statements:month-end', '--account', accountId, '--month', '2026-06', '--close', '--pdf', join(dir, 'june.pdf'), '--csv', join(dir, 'june.csv'), '--lang', 'en']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('2026-06 closed');
    expect(readFileSync(join(dir, 'june.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(join(dir, 'june.csv'), 'utf8')).toContain('AGREES');
    expect((await t.db.query(`SELECT status FROM ledger_periods WHERE book_id = $1 AND month = '2026-06-01'`, [branch.bookId]))[0]?.status).toBe('CLOSED');
  });

  describe("the book's journal for accounting software, with the book's account mapping", () => {
    let admin: string;
    let treasurer: string;
    beforeAll(async () => {
      admin = (await t.signIn(Role.FEDERATION_ADMIN)).token;
      treasurer = (await t.signIn(Role.BRANCH_TREASURER, { branchIds: [branch.id] })).token;
    });
    const exported = async (format: JournalExportFormat, token = treasurer) => {
      const res = await t.gql(EXPORT, { bookId: branch.bookId, format, from: '2026-06-01', to: '2026-06-30' }, { token });
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return { ...res.data!.journalExport, bytes: Buffer.from(res.data!.journalExport.contentBase64, 'base64') };
    };
    const rows = (text: string): string[][] => {
      expect(text.endsWith('\r\n')).toBe(true);
      return parse(text.replace(/^\uFEFF/, ''), { relaxColumnCount: true });
    };

    it("the book's admins store the mapping; a treasurer or another branch's admin may not; an account the book lacks is refused by row", async () => {
      const input: SetAccountMappingInput = { bookId: branch.bookId, entries: [{ accountCode: '1200', name: '普通預金', subName: '三菱UFJ上野' }, { accountCode: '4900', name: '受取利息' }, { accountCode: '4100', name: '受取会費', taxClass: '対象外' }] };
      expect((await t.gql(SET_MAPPING, { input }, { token: treasurer })).errors?.[0].extensions.code).toBe('FORBIDDEN');
      const otherAdmin = (await t.signIn(Role.BRANCH_ADMIN, { branchIds: [other.id] })).token;
      expect((await t.gql(SET_MAPPING, { input }, { token: otherAdmin })).errors?.[0].extensions.code).toBe('FORBIDDEN');
      const missing = await t.gql(SET_MAPPING, { input: { ...input, entries: [...input.entries, { accountCode: '7777', name: '雑費' }] } }, { token: admin });
      expect(missing.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MAPPING_ACCOUNT_NOT_IN_BOOK', fields: [{ field: 'input.entries.3.accountCode' }] });
      const comma = await t.gql(SET_MAPPING, { input: { ...input, entries: [{ accountCode: '1200', name: '普通,預金' }] } }, { token: admin });
      expect(comma.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect((await t.gql(MAPPING, { bookId: branch.bookId }, { token: treasurer })).data!.accountMapping).toEqual([]);
      const branchAdmin = (await t.signIn(Role.BRANCH_ADMIN, { branchIds: [branch.id] })).token;
      const set = await t.gql(SET_MAPPING, { input }, { token: branchAdmin });
      expect(set.errors).toBeUndefined();
      expect(set.data!.setAccountMapping.map((r) => r.accountCode)).toEqual(['1200', '4100', '4900']);
    });

    it('弥生インポート形式: Shift_JIS, no header, 25 columns, mapped names; freee, Money Forward and plain CSV by their columns', async () => {
      const yayoi = await exported('YAYOI');
      expect(yayoi.filename).toBe('journal-branch-2026-06-01-2026-06-30-yayoi.txt');
      const text = iconv.decode(yayoi.bytes, 'cp932');
      const ys = rows(text);
      expect(yayoi.entries).toBeGreaterThanOrEqual(4); // the two payments, the interest, the fee
      expect(ys.every((r) => r.length === 25)).toBe(true);
      expect(ys.every((r) => ['2111', '2110', '2100', '2101'].includes(r[0]))).toBe(true);
      const interest = ys.find((r) => r[0] === '2111' && r[10] === '受取利息')!;
      expect(interest.slice(3, 10)).toEqual(['2026/06/30', '普通預金', '三菱UFJ上野', '', '対象外', '7', '0']);
      expect(yayoi.bytes.includes(Buffer.from('普通預金', 'utf8'))).toBe(false);

      const freee = rows((await exported('FREEE')).bytes.toString('utf8'));
      expect(freee[0]).toEqual(FREEE_HEADER);
      expect(freee.slice(1).every((r) => r.length === FREEE_HEADER.length)).toBe(true);
      const mf = rows(iconv.decode((await exported('MONEY_FORWARD')).bytes, 'cp932'));
      expect(mf[0]).toEqual(MONEY_FORWARD_HEADER);
      expect(mf.slice(1).every((r) => r.length === 27)).toBe(true);
      const plain = rows((await exported('PLAIN')).bytes.toString('utf8'));
      expect(plain[0]).toEqual(PLAIN_HEADER);
      expect(plain.some((r) => r[3] === '5200' && r[4] === '支払手数料' && r[5] === '330')).toBe(true);
    });

    it("another branch's treasurer may not export the book; a range that ends before it starts is refused; the CLI writes the file", async () => {
      const foreign = await t.gql(EXPORT, { bookId: branch.bookId, format: 'PLAIN', from: '2026-06-01', to: '2026-06-30' }, { token: (await t.signIn(Role.BRANCH_TREASURER, { branchIds: [other.id] })).token });
      expect(foreign.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const backwards = await t.gql(EXPORT, { bookId: branch.bookId, format: 'PLAIN', from: '2026-06-30', to: '2026-06-01' }, { token: treasurer });
      expect(backwards.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RECONCILIATION_DATE_RANGE' });
      const impossible = await t.gql(EXPORT, { bookId: branch.bookId, format: 'PLAIN', from: '2026-02-29', to: '2026-06-30' }, { token: treasurer });
      expect(impossible.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RECONCILIATION_DATE', fields: [{ field: 'from' }] });
      const out = join(dir, 'yayoi.txt');
      const run = await runCli(t.app, ['journal:export', '--book', branch.bookId, '--format', 'YAYOI', '--from', '2026-06-01', '--to', '2026-06-30', '--out', out, '--lang', 'en']);
      expect(run.exitCode).toBe(0);
      expect(readFileSync(out)).toEqual((await exported('YAYOI')).bytes);
      expect((await runCli(t.app, ['journal:export', '--book', branch.bookId, '--format', 'XLS', '--from', '2026-06-01', '--to', '2026-06-30', '--out', out])).exitCode).toBe(1);
    });
  });
});
