import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#auth';
import { countQueries, createPerson } from '#testing';
import { records03, transactionDetailsFile, zenginBytes, type DetailAccount, type DetailLine } from '#reconciliation';
import { gql, type VariablesOf } from './support/gql.js';
import type { CsvProfileInput } from './support/schema-types.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { NOW, PaymentsWorld } from './support/payments-world.js';

const REGISTER = gql(`mutation ReconciliationRegisterBankAccount($input: RegisterBankAccountInput!) { registerBankAccount(input: $input) { id branchId bookId accountNumber } }`);
const IMPORT = gql(`mutation ReconciliationImportStatement($input: ImportBankStatementInput!) { importBankStatement(input: $input) {
  lines newLines alreadyImported suggested autoConfirmed unmatched statements { id format lineCount newLineCount openingBalance { amount } closingBalance { amount } } } }`);
const LINES = gql(`query ReconciliationStatementLines($id: ID!, $status: StatementLineStatus) { statementLines(bankAccountId: $id, status: $status, first: 6) {
  id lineNumber bookedOn direction kind payerName memo status autoConfirmed paymentIds notDuesCategory amount { amount }
  suggestions { kind score exact category explanationJa explanationEn short { amount } allocations { invoiceId invoiceNumber memberId amount { amount } } } } }`);
const CONFIRM = gql(`mutation ReconciliationConfirmLine($input: ConfirmStatementLineInput!) { confirmStatementLine(input: $input) { id status paymentIds } }`);
const CONFIRM_MANY = gql(`mutation ReconciliationConfirmLines($input: ConfirmStatementLinesInput!) { confirmStatementLines(input: $input) { id status paymentIds } }`);
const UNCONFIRM = gql(`mutation ReconciliationUnconfirmLine($id: ID!, $reason: String!) { unconfirmStatementLine(lineId: $id, reason: $reason) { id status paymentIds } }`);
const NOT_DUES = gql(`mutation ReconciliationMarkNotDues($input: MarkStatementLineNotDuesInput!) { markStatementLineNotDues(input: $input) { id status notDuesCategory notDuesAccount } }`);
const JOIN = gql(`mutation ReconciliationJoinMembership($input: JoinMembershipInput!) { joinMembership(input: $input) { invoice { id number } } }`);
const CREATE_ACCOUNT = gql(`mutation ReconciliationCreateAccount($input: CreateAccountInput!) { createAccount(input: $input) { code } }`);
const SAVE_PROFILE = gql(`mutation ReconciliationSaveCsvProfile($input: CsvProfileInput!) { saveCsvProfile(input: $input) { code builtIn amountIn amountOut } }`);
const PROFILES = gql(`query ReconciliationCsvProfiles { csvProfiles { code builtIn } }`);
const REMOVE_PROFILE = gql(`mutation ReconciliationRemoveCsvProfile($code: String!) { removeCsvProfile(code: $code) }`);

describe('bank reconciliation: Zengin statements imported, matched and confirmed as payments', () => {
  let t: TestApp;
  let w: PaymentsWorld;
  let tokyo: Awaited<ReturnType<PaymentsWorld['branch']>>;
  let osaka: Awaited<ReturnType<PaymentsWorld['branch']>>;
  let accountId: string;
  const members: { memberId: string; invoiceId: string; number: string; invoiceNumber: string }[] = [];

  const account = (lines: DetailLine[], over: Partial<DetailAccount> = {}): DetailAccount => ({
    bankCode: '0001', bankName: 'ﾐｽﾞﾎ', branchCode: '001', branchName: 'ﾄｳｷﾖｳ', accountNumber: '1234567', accountName: 'ﾚﾝﾀｲ', from: '2026-06-01', to: '2026-06-30', opening: 100000n, lines, ...over,
  });
  const base64 = (b: Buffer) => b.toString('base64');
  const importFile = (file: Buffer, token = tokyo.treasurer, branchId = tokyo.id) => t.gql(IMPORT, { input: { branchId, content: base64(file) } }, { token });
  const lineCount = async () => Number((await t.db.query(`SELECT count(*) FROM reconciliation_lines`))[0].count);
  const invoiceStatus = async (id: string) => (await t.db.query(`SELECT status FROM dues_invoices WHERE id = $1`, [id]))[0].status;

  const readLines = async (variables: VariablesOf<typeof LINES>, token = tokyo.treasurer) => {
    const res = await t.gql(LINES, variables, { token });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.statementLines;
  };

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW });
    w = await PaymentsWorld.create(t);
    tokyo = await w.branch();
    osaka = await w.branch();
    const names: [string, string, string, string][] = [
      ['大野', '太郎', 'オオノ', 'タロウ'],
      ['久保', '花子', 'クボ', 'ハナコ'],
      ['平野', '翔太', 'ヒラノ', 'ショウタ'],
    ];
    for (const [familyName, givenName, familyNameKana, givenNameKana] of names) {
      const member = await createPerson(t.app, { branchId: tokyo.id, familyName, givenName, familyNameKana, givenNameKana });
      const res = await t.gql(JOIN, { input: { memberId: member.id, planId: w.planId } }, { token: w.admin });
      expect(res.errors).toBeUndefined();
      members.push({ memberId: member.id, invoiceId: res.data!.joinMembership.invoice.id, invoiceNumber: res.data!.joinMembership.invoice.number, number: member.memberNumber });
    }
    const registered = await t.gql(REGISTER, { input: { branchId: tokyo.id, bankCode: '0001', branchCode: '001', accountType: '1', accountNumber: '1234567', name: 'ﾚﾝﾀｲ' } }, { token: tokyo.treasurer });
    expect(registered.errors).toBeUndefined();
    accountId = registered.data!.registerBankAccount.id;
    const other = await t.gql(REGISTER, { input: { branchId: osaka.id, bankCode: '0001', branchCode: '002', accountType: '1', accountNumber: '7654321', name: 'ﾚﾝﾀｲ ｵｵｻｶ' } }, { token: osaka.treasurer });
    expect(other.errors).toBeUndefined();
  });
  afterAll(() => checkThenClose(t, ledgerBalances));

  const juneLines = (): DetailLine[] => [
    { reference: '00000001', bookedOn: '2026-06-03', direction: 'IN', amount: 12000n, payerName: `${members[0].number} ｵｵﾉ ﾀﾛｳ` },
    { reference: '00000002', bookedOn: '2026-06-04', direction: 'IN', amount: 11000n, payerName: 'ｸﾎﾞ ﾊﾅｺ' },
    { reference: '00000003', bookedOn: '2026-06-05', direction: 'IN', amount: 5000n, payerName: 'ﾉﾑﾗ ｹﾝｼﾞ' },
    { reference: '00000004', bookedOn: '2026-06-10', direction: 'IN', transactionType: '18', amount: 12n, memo: 'ﾘｿｸ' },
    { reference: '00000005', bookedOn: '2026-06-10', direction: 'OUT', transactionType: '18', amount: 440n, memo: 'ﾃｽｳﾘﾖｳ' },
  ];

  it('imports a statement: the sure line is confirmed as a payment, the others wait with explained suggestions', async () => {
    const res = await importFile(transactionDetailsFile([account(juneLines())]));
    expect(res.errors).toBeUndefined();
    expect(res.data!.importBankStatement).toMatchObject({ lines: 5, newLines: 5, alreadyImported: false, autoConfirmed: 1 });
    expect(res.data!.importBankStatement.statements[0]).toMatchObject({ format: 'ZENGIN_03', openingBalance: { amount: 100000 }, closingBalance: { amount: 100000 + 12000 + 11000 + 5000 + 12 - 440 } });
    expect(await invoiceStatus(members[0].invoiceId)).toBe('PAID');
    const [payment] = await t.db.query(`SELECT method, amount, reference FROM payments WHERE member_id = $1`, [members[0].memberId]);
    expect(payment).toMatchObject({ method: 'BANK_STATEMENT', amount: '12000' });

    const lines = await readLines({ id: accountId });
    expect(lines.map((l) => l.status)).toEqual(['CONFIRMED', 'SUGGESTED', 'UNMATCHED', 'SUGGESTED', 'SUGGESTED']);
    expect(lines[0]).toMatchObject({ autoConfirmed: true });
    expect(lines[0].suggestions[0].explanationEn).toBe(`member number ${members[0].number} in payer name; amount equals invoice ${members[0].invoiceNumber}`);
    expect(lines[1].suggestions[0]).toMatchObject({ kind: 'INVOICES', exact: false, short: { amount: 1000 }, allocations: [{ invoiceId: members[1].invoiceId, amount: { amount: 11000 } }] });
    expect(lines[1].suggestions[0].explanationJa).toContain('クボ ハナコ');
    expect(lines[3].suggestions[0]).toMatchObject({ kind: 'NOT_DUES', category: 'INTEREST' });
  });

  it('the same file twice changes nothing; an overlapping statement adds only its new line', async () => {
    const before = await lineCount();
    const again = await importFile(transactionDetailsFile([account(juneLines())], '\n'));
    expect(again.errors).toBeUndefined();
    expect(again.data!.importBankStatement).toMatchObject({ newLines: 0, autoConfirmed: 0 });
    const same = await importFile(transactionDetailsFile([account(juneLines())]));
    expect(same.data!.importBankStatement).toMatchObject({ alreadyImported: true, newLines: 0 });
    expect(await lineCount()).toBe(before);
    const overlap = [...juneLines().slice(1), { reference: '00000006', bookedOn: '2026-06-12', direction: 'IN' as const, amount: 12000n, payerName: 'ﾋﾗﾉ ｼﾖｳﾀ' }];
    const res = await importFile(transactionDetailsFile([account(overlap, { opening: 112000n })]));
    expect(res.errors).toBeUndefined();
    expect(res.data!.importBankStatement).toMatchObject({ lines: 5, newLines: 1 });
    expect(await lineCount()).toBe(before + 1);
    expect(Number((await t.db.query(`SELECT count(*) FROM payments WHERE member_id = $1 AND status = 'RECORDED'`, [members[0].memberId]))[0].count)).toBe(1);
  });

  it('a treasurer confirms a suggestion, unconfirms an automatic one (the payment is voided) and marks interest as not dues', async () => {
    const lines = await readLines({ id: accountId });
    const short = lines.find((l) => l.payerName === 'ｸﾎﾞ ﾊﾅｺ')!;
    const confirmed = await t.gql(CONFIRM, { input: { lineId: short.id } }, { token: tokyo.treasurer });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmStatementLine).toMatchObject({ status: 'CONFIRMED' });
    expect(await invoiceStatus(members[1].invoiceId)).toBe('PARTIALLY_PAID');
    const twice = await t.gql(CONFIRM, { input: { lineId: short.id } }, { token: tokyo.treasurer });
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'STATEMENT_LINE_SETTLED' });

    const auto = lines[0];
    const undone = await t.gql(UNCONFIRM, { id: auto.id, reason: '誤り / wrong member' }, { token: tokyo.treasurer });
    expect(undone.errors).toBeUndefined();
    expect(undone.data!.unconfirmStatementLine).toMatchObject({ status: 'SUGGESTED', paymentIds: [] });
    expect(await invoiceStatus(members[0].invoiceId)).toBe('OPEN');
    const redo = await t.gql(CONFIRM, { input: { lineId: auto.id } }, { token: tokyo.treasurer });
    expect(redo.errors).toBeUndefined();
    expect(await invoiceStatus(members[0].invoiceId)).toBe('PAID');

    const interest = lines.find((l) => l.memo === 'ﾘｿｸ')!;
    const missing = await t.gql(NOT_DUES, { input: { lineId: interest.id, category: 'INTEREST', accountCode: '4900' } }, { token: tokyo.treasurer });
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'STATEMENT_ACCOUNT_NOT_IN_BOOK', fields: [{ field: 'input.accountCode' }] });
    const added = await t.gql(CREATE_ACCOUNT, { input: { bookId: tokyo.bookId, code: '4900', type: 'INCOME', nameJa: '受取利息', nameEn: 'Interest income' } }, { token: w.admin });
    expect(added.errors).toBeUndefined();
    const bankBefore = await w.balance(tokyo.bookId, '1200');
    const marked = await t.gql(NOT_DUES, { input: { lineId: interest.id, category: 'INTEREST', accountCode: '4900' } }, { token: tokyo.treasurer });
    expect(marked.errors).toBeUndefined();
    expect(marked.data!.markStatementLineNotDues).toMatchObject({ status: 'NOT_DUES', notDuesCategory: 'INTEREST', notDuesAccount: '4900' });
    expect(await w.balance(tokyo.bookId, '1200')).toBe(bankBefore + 12n);
    expect(await w.balance(tokyo.bookId, '4900')).toBe(-12n);

    const fee = lines.find((l) => l.memo === 'ﾃｽｳﾘﾖｳ')!;
    for (const [accountCode, reason] of [['1200', 'STATEMENT_ACCOUNT_NOT_POSTABLE'], ['2200', 'STATEMENT_ACCOUNT_NOT_POSTABLE'], ['12', undefined]] as const) {
      const refused = await t.gql(NOT_DUES, { input: { lineId: fee.id, category: 'BANK_FEE', accountCode } }, { token: tokyo.treasurer });
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', ...(reason ? { reason } : {}) });
    }
    expect(await w.balance(tokyo.bookId, '1200')).toBe(bankBefore + 12n);
    const paidFee = await t.gql(NOT_DUES, { input: { lineId: fee.id, category: 'BANK_FEE', accountCode: '5200' } }, { token: tokyo.treasurer });
    expect(paidFee.errors).toBeUndefined();
    expect(await w.balance(tokyo.bookId, '1200')).toBe(bankBefore + 12n - 440n);
    const unposted = await t.gql(UNCONFIRM, { id: fee.id, reason: '科目違い / wrong account' }, { token: tokyo.treasurer });
    expect(unposted.data!.unconfirmStatementLine).toMatchObject({ status: 'SUGGESTED' });
    expect(await w.balance(tokyo.bookId, '1200')).toBe(bankBefore + 12n);
    const again = await t.gql(NOT_DUES, { input: { lineId: fee.id, category: 'BANK_FEE', accountCode: '5200' } }, { token: tokyo.treasurer });
    expect(again.errors).toBeUndefined();
    expect(await w.balance(tokyo.bookId, '1200')).toBe(bankBefore + 12n - 440n);
  });

  it('a treasurer picks another candidate: the line pays the invoice named; allocations above the line are refused and change nothing', async () => {
    const lines = await readLines({ id: accountId, status: 'UNMATCHED' });
    const unknown = lines.find((l) => l.payerName === 'ﾉﾑﾗ ｹﾝｼﾞ')!;
    const member = await createPerson(t.app, { branchId: tokyo.id, familyName: '野村', givenName: '健司', familyNameKana: 'ノムラ', givenNameKana: 'ケンジロウ' });
    const joined = await t.gql(JOIN, { input: { memberId: member.id, planId: w.planId } }, { token: w.admin });
    const invoiceId = joined.data!.joinMembership.invoice.id;
    const payments = async () => Number((await t.db.query(`SELECT count(*) FROM payments`))[0].count);
    const before = await payments();
    const tooMuch = await t.gql(CONFIRM, { input: { lineId: unknown.id, allocations: [{ invoiceId: invoiceId, amount: 6000 }] } }, { token: tokyo.treasurer });
    expect(tooMuch.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'STATEMENT_ALLOCATION_TOTAL', fields: [{ field: 'input.allocations' }] });
    expect(await payments()).toBe(before);
    expect(await invoiceStatus(invoiceId)).toBe('OPEN');
    const picked = await t.gql(CONFIRM, { input: { lineId: unknown.id, allocations: [{ invoiceId: invoiceId, amount: 5000 }] } }, { token: tokyo.treasurer });
    expect(picked.errors).toBeUndefined();
    expect(await invoiceStatus(invoiceId)).toBe('PARTIALLY_PAID');
    expect(await payments()).toBe(before + 1);
  });

  it('confirms many lines at once through one bulk recording; one line that cannot be confirmed refuses them all and changes nothing', async () => {
    const fresh = await Promise.all([0, 1, 2].map(async () => {
      const member = await createPerson(t.app, { branchId: tokyo.id });
      const joined = await t.gql(JOIN, { input: { memberId: member.id, planId: w.planId } }, { token: w.admin });
      return { number: member.memberNumber, invoiceId: joined.data!.joinMembership.invoice.id, invoiceNumber: joined.data!.joinMembership.invoice.number };
    }));
    // Each pays 11,000 of 12,000: suggested, never confirmed automatically.
    const lines: DetailLine[] = fresh.map((m, i) => ({ reference: `0000030${i}`, bookedOn: '2026-05-0' + (i + 1), direction: 'IN' as const, amount: 11000n, payerName: `${m.number} ﾃｽﾄ` }));
    const res = await importFile(transactionDetailsFile([account(lines, { from: '2026-05-01', to: '2026-05-31' })]));
    expect(res.data!.importBankStatement).toMatchObject({ autoConfirmed: 0, suggested: 3 });
    const ids = (await t.db.query(`SELECT id FROM reconciliation_lines WHERE booked_on BETWEEN '2026-05-01' AND '2026-05-31' ORDER BY booked_on`)).map((r: { id: string }) => r.id);
    const settled = (await t.db.query(`SELECT id FROM reconciliation_lines WHERE status = 'CONFIRMED' LIMIT 1`))[0].id;
    const payments = async () => Number((await t.db.query(`SELECT count(*) FROM payments`))[0].count);
    const before = await payments();
    const refused = await t.gql(CONFIRM_MANY, { input: { lineIds: [...ids, settled] } }, { token: tokyo.treasurer });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'STATEMENT_LINE_SETTLED', fields: [{ field: 'lineIds.3' }] });
    expect(await payments()).toBe(before);
    const foreign = await t.gql(CONFIRM_MANY, { input: { lineIds: ids } }, { token: osaka.treasurer });
    expect(foreign.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const confirmed = await t.gql(CONFIRM_MANY, { input: { lineIds: ids } }, { token: tokyo.treasurer });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmStatementLines.map((l) => l.status)).toEqual(['CONFIRMED', 'CONFIRMED', 'CONFIRMED']);
    expect(await payments()).toBe(before + 3);
    for (const m of fresh) expect(await invoiceStatus(m.invoiceId)).toBe('PARTIALLY_PAID');
  });

  it('reads a 訂正 (取引区分 19) line as reversing the earlier line: neither pays dues', async () => {
    const lines: DetailLine[] = [
      { reference: '00000101', bookedOn: '2026-07-01', direction: 'IN', amount: 7777n, payerName: 'ｱﾗｲ ｼﾞﾖｳｼﾞ' },
      { reference: '00000102', bookedOn: '2026-07-02', direction: 'OUT', transactionType: '19', amount: 7777n, payerName: 'ｱﾗｲ ｼﾞﾖｳｼﾞ' },
    ];
    const res = await importFile(transactionDetailsFile([account(lines, { from: '2026-07-01', to: '2026-07-31' })]));
    expect(res.errors).toBeUndefined();
    const stored = await t.db.query(`SELECT kind, status, not_dues_category FROM reconciliation_lines WHERE booked_on >= '2026-07-01' ORDER BY line_number`);
    expect(stored).toEqual([
      { kind: 'NORMAL', status: 'NOT_DUES', not_dues_category: 'CORRECTED' },
      { kind: 'CORRECTION', status: 'NOT_DUES', not_dues_category: 'CORRECTION' },
    ]);
  });

  it('imports a CSV statement through its profile into the account named; the same CSV twice adds nothing', async () => {
    const csv = Buffer.from('date,amount,payer,memo\n2026-09-01,3000,ﾏﾂﾓﾄ ﾕｲ,\n2026-09-01,3000,ﾏﾂﾓﾄ ﾕｲ,\n2026-09-02,-100,,fee\n');
    const input = { branchId: tokyo.id, bankAccountId: accountId, csvProfile: 'RENTAI_UTF8', content: base64(csv) };
    const res = await t.gql(IMPORT, { input }, { token: tokyo.treasurer });
    expect(res.errors).toBeUndefined();
    expect(res.data!.importBankStatement).toMatchObject({ lines: 3, newLines: 3, statements: [{ format: 'CSV' }] });
    const again = await t.gql(IMPORT, { input }, { token: tokyo.treasurer });
    expect(again.data!.importBankStatement).toMatchObject({ alreadyImported: true, newLines: 0 });
    const bad = await t.gql(IMPORT, { input: { ...input, content: base64(Buffer.from('day,sum\n2026-09-01,1\n')) } }, { token: tokyo.treasurer });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'STATEMENT_CSV_COLUMNS' });
    const noAccount = await t.gql(IMPORT, { input: { ...input, bankAccountId: null } }, { token: tokyo.treasurer });
    expect(noAccount.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'STATEMENT_BANK_ACCOUNT_REQUIRED' });
  });

  it('a federation admin adds a CSV profile for another bank (validated); statements import through it; treasurers read but do not edit', async () => {
    const input: CsvProfileInput = { code: 'SHINKIN_A', nameJa: 'A信用金庫', nameEn: 'A Shinkin Bank', encoding: 'UTF8', dateFormat: 'YMD', date: '取引日', payer: '摘要', amountIn: '入金', amountOut: '出金' };
    expect((await t.gql(SAVE_PROFILE, { input }, { token: tokyo.treasurer })).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(SAVE_PROFILE, { input: { ...input, code: 'YUCHO' } }, { token: w.admin })).errors?.[0].extensions).toMatchObject({ reason: 'CSV_PROFILE_BUILT_IN', fields: [{ field: 'input.code' }] });
    expect((await t.gql(SAVE_PROFILE, { input: { ...input, amount: '金額' } }, { token: w.admin })).errors?.[0].extensions).toMatchObject({ reason: 'CSV_PROFILE_AMOUNT_COLUMNS' });
    expect((await t.gql(SAVE_PROFILE, { input: { ...input, payer: '取引日' } }, { token: w.admin })).errors?.[0].extensions).toMatchObject({ reason: 'CSV_PROFILE_COLUMNS_REPEAT' });
    expect((await t.gql(SAVE_PROFILE, { input: { ...input, code: 'bad code' } }, { token: w.admin })).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM reconciliation_csv_profiles`))[0].n).toBe(0);
    const saved = await t.gql(SAVE_PROFILE, { input }, { token: w.admin });
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.saveCsvProfile).toMatchObject({ code: 'SHINKIN_A', builtIn: false, amountIn: '入金', amountOut: '出金' });
    const listed = (await t.gql(PROFILES, {}, { token: tokyo.treasurer })).data!.csvProfiles;
    expect(listed.map((p) => p.code)).toEqual(['YUCHO', 'NET_BANKING', 'RENTAI_UTF8', 'SHINKIN_A']);
    const csv = Buffer.from('取引日,摘要,入金,出金\n2026/09/10,ｻｸﾏ ｹﾝ,6000,\n2026/09/11,ﾃｽｳﾘﾖｳ,,220\n');
    const res = await t.gql(IMPORT, { input: { branchId: tokyo.id, bankAccountId: accountId, csvProfile: 'SHINKIN_A', content: base64(csv) } }, { token: tokyo.treasurer });
    expect(res.errors).toBeUndefined();
    expect(res.data!.importBankStatement).toMatchObject({ lines: 2, newLines: 2 });
    const misfit = await t.gql(IMPORT, { input: { branchId: tokyo.id, bankAccountId: accountId, csvProfile: 'SHINKIN_A', content: base64(Buffer.from('日付,金額\n2026/09/12,1\n')) } }, { token: tokyo.treasurer });
    expect(misfit.errors?.[0].extensions).toMatchObject({ reason: 'STATEMENT_CSV_COLUMNS' });
    expect((await t.gql(REMOVE_PROFILE, { code: 'SHINKIN_A' }, { token: w.admin })).data!.removeCsvProfile).toBe(true);
    const gone = await t.gql(IMPORT, { input: { branchId: tokyo.id, bankAccountId: accountId, csvProfile: 'SHINKIN_A', content: base64(csv) } }, { token: tokyo.treasurer });
    expect(gone.errors?.[0].extensions).toMatchObject({ reason: 'STATEMENT_UNKNOWN_PROFILE' });
  });

  describe('bad files: refused with line and reason, nothing imported', () => {
    const refused = async (file: Buffer, reason: string, message?: string, branch = tokyo) => {
      const before = await lineCount();
      const statements = Number((await t.db.query(`SELECT count(*) FROM reconciliation_statements`))[0].count);
      const res = await importFile(file, branch.treasurer, branch.id);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason, fields: [{ field: 'input.content' }] });
      if (message) expect(res.errors?.[0].message).toContain(message);
      expect(await lineCount()).toBe(before);
      expect(Number((await t.db.query(`SELECT count(*) FROM reconciliation_statements`))[0].count)).toBe(statements);
    };
    const records = () => records03([account(juneLines(), { from: '2026-08-01', to: '2026-08-31' })]);

    it('a trailer total that does not match', async () => {
      const r = records();
      r[6] = r[6].slice(0, 7) + '0000000099999' + r[6].slice(20);
      await refused(zenginBytes(r.join('\r\n')), 'STATEMENT_TRAILER_TOTAL', '7');
    });
    it('a wrong record length, records out of order, characters outside the set, a UTF-8 file', async () => {
      const r = records();
      await refused(zenginBytes([...r.slice(0, 2), r[2] + 'XX', ...r.slice(3)].join('\r\n')), 'STATEMENT_RECORD_LENGTH', '3');
      await refused(zenginBytes([r[1], r[0], ...r.slice(2)].join('\r\n')), 'STATEMENT_RECORD_ORDER');
      await refused(zenginBytes([r[0], r[1].slice(0, 81) + 'abc' + r[1].slice(84), ...r.slice(2)].join('\r\n')), 'STATEMENT_INVALID_CHARACTER');
      await refused(Buffer.from(r.join('\r\n'), 'utf8'), 'STATEMENT_NOT_SHIFT_JIS');
    });
    it("a file for another branch's account, and an account nobody registered", async () => {
      const osakaFile = transactionDetailsFile([account(juneLines(), { branchCode: '002', accountNumber: '7654321' })]);
      await refused(osakaFile, 'STATEMENT_ACCOUNT_OF_ANOTHER_BRANCH');
      await refused(transactionDetailsFile([account(juneLines(), { accountNumber: '1111111' })]), 'STATEMENT_ACCOUNT_UNKNOWN');
    });
    it('content that is not base64', async () => {
      const res = await t.gql(IMPORT, { input: { branchId: tokyo.id, content: '%%%' } }, { token: tokyo.treasurer });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'STATEMENT_NOT_BASE64' });
    });
  });

  describe('access', () => {
    it("another branch's treasurer neither reads the lines nor imports into the branch; an auditor reads but does not import", async () => {
      const lines = await t.gql(LINES, { id: accountId }, { token: osaka.treasurer });
      expect(lines.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const imported = await importFile(transactionDetailsFile([account(juneLines())]), osaka.treasurer, tokyo.id);
      expect(imported.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const auditor = (await t.signIn(Role.AUDITOR)).token;
      expect((await t.gql(LINES, { id: accountId }, { token: auditor })).errors).toBeUndefined();
      expect((await importFile(transactionDetailsFile([account(juneLines())]), auditor)).errors?.[0].extensions.code).toBe('FORBIDDEN');
      const member = await t.gql(LINES, { id: accountId }, { token: (await t.signIn(Role.BRANCH_TREASURER, { branchIds: [osaka.id] })).token });
      expect(member.errors?.[0].extensions.code).toBe('FORBIDDEN');
    });
  });
});

/**
 * The reconciliation confirm of many lines is set-based: its payments go through one
 * PaymentRecording.recordMany, the lines and the audit are written in one statement each. So
 * confirming 30 lines sends PostgreSQL as many statements as confirming 3 — a confirm of 500
 * lines does not become 500 round trips.
 */
describe('bank reconciliation: confirming many lines costs the same statements for 3 lines as for 30', () => {
  let t: TestApp;
  let w: PaymentsWorld;
  let tokyo: Awaited<ReturnType<PaymentsWorld['branch']>>;

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW });
    w = await PaymentsWorld.create(t);
    tokyo = await w.branch();
    const registered = await t.gql(REGISTER, { input: { branchId: tokyo.id, bankCode: '0001', branchCode: '001', accountType: '1', accountNumber: '1234567', name: 'ﾚﾝﾀｲ' } }, { token: tokyo.treasurer });
    expect(registered.errors).toBeUndefined();
  }, 120_000);
  afterAll(() => checkThenClose(t, ledgerBalances));

  /** `n` members with a 12,000 yen invoice each, and a statement of the month in which each pays 11,000 (suggested, not confirmed on import). */
  const suggestedLines = async (n: number, month: string): Promise<{ lineIds: string[]; invoiceIds: string[] }> => {
    const members = [];
    for (let i = 0; i < n; i++) {
      const m = await w.memberWithInvoice(tokyo.id);
      const [row] = await t.db.query(`SELECT member_number FROM members WHERE id = $1`, [m.memberId]);
      members.push({ ...m, number: row.member_number as string });
    }
    const lines: DetailLine[] = members.map((m, i) => ({
      reference: `${month.replace('-', '')}${String(i).padStart(2, '0')}`,
      bookedOn: `${month}-${String(1 + (i % 28)).padStart(2, '0')}`,
      direction: 'IN' as const,
      amount: 11000n,
      payerName: `${m.number} ﾃｽﾄ`,
    }));
    const file = transactionDetailsFile([{ bankCode: '0001', bankName: 'ﾐｽﾞﾎ', branchCode: '001', branchName: 'ﾄｳｷﾖｳ', accountNumber: '1234567', accountName: 'ﾚﾝﾀｲ', from: `${month}-01`, to: `${month}-28`, opening: 0n, lines }]);
    const res = await t.gql(IMPORT, { input: { branchId: tokyo.id, content: file.toString('base64') } }, { token: tokyo.treasurer });
    expect(res.errors).toBeUndefined();
    expect(res.data!.importBankStatement).toMatchObject({ lines: n, suggested: n, autoConfirmed: 0 });
    const ids: { id: string }[] = await t.db.query(`SELECT id FROM reconciliation_lines WHERE booked_on BETWEEN $1::date AND $2::date ORDER BY line_number`, [`${month}-01`, `${month}-28`]);
    return { lineIds: ids.map((r) => r.id), invoiceIds: members.map((m) => m.invoiceId) };
  };

  /** The statements one confirmStatementLines request sent (transaction control left out), and its answer. */
  const confirmCounted = async (lineIds: string[]) => {
    const counter = countQueries(t.db);
    try {
      const res = await t.gql(CONFIRM_MANY, { input: { lineIds } }, { token: tokyo.treasurer });
      return { res, work: [...counter.work] };
    } finally {
      counter.stop();
    }
  };

  it('3 lines and 30 lines: every line CONFIRMED with its payment, and the same number of statements', async () => {
    const three = await suggestedLines(3, '2026-04');
    const thirty = await suggestedLines(30, '2026-05');
    // A gateway's first post into a book reads the book's posting context (currency, closed months) once: warm it first.
    const one = await suggestedLines(1, '2026-03');
    expect((await confirmCounted(one.lineIds)).res.errors).toBeUndefined();
    const small = await confirmCounted(three.lineIds);
    const large = await confirmCounted(thirty.lineIds);
    for (const [{ res }, n] of [[small, 3], [large, 30]] as const) {
      expect(res.errors).toBeUndefined();
      expect(res.data!.confirmStatementLines.map((l) => [l.status, l.paymentIds.length])).toEqual(Array.from({ length: n }, () => ['CONFIRMED', 1]));
    }
    for (const id of [...three.invoiceIds, ...thirty.invoiceIds]) expect(await w.invoice(id)).toMatchObject({ status: 'PARTIALLY_PAID', paid: 11000 });
    expect(small.work.length).toBeGreaterThan(0);
    expect(large.work.length).toBe(small.work.length);
  });
});
