import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Role } from '#auth';
import { AccountCode, BookService, LedgerQueries } from '#ledger';
import { createPerson } from '#testing';
import { gql } from './support/gql.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { duesWorld, individualPlan } from './support/dues-world.js';
import { runCli } from './support/run-cli.js';

jest.setTimeout(60_000);

const STATEMENT = gql(`query DuesCliCycleStatement($b: ID!, $from: String!, $to: String!) { settlementStatement(branchId: $b, from: $from, to: $to) {
  recognition accrued { amount } settled { amount } closing { net { amount } } federationView { agrees } } }`);
const TOTALS = gql(`query DuesCliCycleTotals($y: Int!) { duesBranchTotals(fiscalYear: $y) { branchCode recognition invoiced { amount } paid { amount } outstanding { amount } } }`);

/**
 * The dues cycle through the CLI, on both recognition bases at once: Tokyo's book keeps dues on receipt
 * (ON_RECEIPT, the default), Osaka's on accrual (ACCRUAL). Join → invoice, payment → PAID with the right
 * entries in the branch's and the federation's books, payment void, invoice void, settlement, report; every
 * command calls the service its GraphQL mutation calls, as a named staff user (`--as`).
 */
describe('dues cycle on the command line: join, pay, void, settle, report — ON_RECEIPT (TKY) and ACCRUAL (OSK)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof duesWorld>>;
  const books = { tky: '', osk: '', federation: '' };
  const staff = { tky: '', osk: '', admin: '', member: '' };
  const members: Record<'tky' | 'osk' | 'tky2' | 'osk2', { id: string; number: string }> = {} as never;
  const invoices: Record<'tky' | 'osk' | 'tky2' | 'osk2', string> = {} as never;

  const cli = (...args: string[]) => runCli(t.app, args);
  const ok = async (...args: string[]) => {
    const run = await cli(...args);
    expect({ exitCode: run.exitCode, refused: run.stderr.includes('Refused') }).toEqual({ exitCode: 0, refused: false });
    return run.stdout;
  };
  const balance = (bookId: string, accountCode: string, counterpartyBookId?: string) =>
    t.app.get(LedgerQueries).balance({ bookId, accountCode, ...(counterpartyBookId && { counterpartyBookId }) });
  /** Each book's balances of the accounts dues touch (debit positive). */
  const ledger = async (branch: 'tky' | 'osk') => ({
    bank: await balance(books[branch], AccountCode.Bank),
    duesReceivable: await balance(books[branch], AccountCode.DuesReceivable),
    duesIncome: await balance(books[branch], AccountCode.DuesIncome),
    dueToFederation: await balance(books[branch], AccountCode.DueToOtherBooks, books.federation),
    federationDueFromBranch: await balance(books.federation, AccountCode.DueFromOtherBooks, books[branch]),
  });
  const invoice = async (number: string) => (await t.db.query(`SELECT status, recognition, paid_amount::int AS paid FROM dues_invoices WHERE number = $1`, [number]))[0];
  const auditActor = async (action: string) =>
    (await t.db.query(`SELECT actor_user_id AS "userId" FROM audit_events WHERE action = $1 ORDER BY occurred_at DESC LIMIT 1`, [action]))[0]?.userId;

  beforeAll(async () => {
    t = await TestApp.start({ now: new Date('2027-03-20T03:00:00Z') });
    w = await duesWorld(t);
    await w.plan(individualPlan());
    const bookService = t.app.get(BookService);
    books.tky = (await bookService.bookForBranch(w.tky.id)).id;
    books.osk = (await bookService.bookForBranch(w.osk.id)).id;
    books.federation = (await bookService.federationBook()).id;
    staff.tky = (await t.signIn(Role.BRANCH_TREASURER, { branchIds: [w.tky.id] })).email;
    staff.osk = (await t.signIn(Role.BRANCH_TREASURER, { branchIds: [w.osk.id] })).email;
    staff.admin = (await t.signIn(Role.FEDERATION_ADMIN)).email;
    for (const [key, branchId] of [['tky', w.tky.id], ['osk', w.osk.id], ['tky2', w.tky.id], ['osk2', w.osk.id]] as const) {
      const m = await createPerson(t.app, { branchId });
      members[key] = { id: m.id, number: m.memberNumber };
    }
    staff.member = (await t.signIn(Role.MEMBER, { memberId: members.tky.id })).email;
    expect(await ok('dues:recognition', '--branch', 'OSK', '--set', 'ACCRUAL', '--as', staff.admin)).toContain('OSK: ACCRUAL');
  }, 120_000);
  afterAll(() => checkThenClose(t, ledgerBalances), 120_000);

  it('dues:join by member number and plan code: the membership and its first invoice on the book’s basis; the audit log names the treasurer', async () => {
    const tky = await ok('dues:join', '--member', members.tky.number, '--plan', 'IND', '--as', staff.tky);
    expect(tky).toContain(`${members.tky.number} `);
    expect(tky).toMatch(/invoice 請求書 TKY-2026-000001: ¥12,000 \(federation 連合会 ¥3,600, branch 支部 ¥8,400\), due 支払期限 \d{4}-\d{2}-\d{2}, ON_RECEIPT/);
    invoices.tky = 'TKY-2026-000001';
    expect(await auditActor('membership.join')).toBe((await t.db.query(`SELECT id FROM users WHERE email = $1`, [staff.tky]))[0].id);

    const osk = await ok('dues:join', '--member', members.osk.number, '--plan', 'IND', '--as', staff.osk);
    expect(osk).toContain('invoice 請求書 OSK-2026-000001: ¥12,000');
    expect(osk).toContain('ACCRUAL');
    invoices.osk = 'OSK-2026-000001';
    // The basis was set by the admin the test named (`dues:recognition --as`), not by the system.
    expect(await auditActor('duesRecognition.setBook')).toBe((await t.db.query(`SELECT id FROM users WHERE email = $1`, [staff.admin]))[0].id);

    expect(await invoice(invoices.tky)).toEqual({ status: 'OPEN', recognition: 'ON_RECEIPT', paid: 0 });
    expect(await invoice(invoices.osk)).toEqual({ status: 'OPEN', recognition: 'ACCRUAL', paid: 0 });
    // On receipt an invoice is a claim: nothing booked. On accrual: 未収会費 against income and the federation's share, mirrored.
    expect(await ledger('tky')).toEqual({ bank: 0n, duesReceivable: 0n, duesIncome: 0n, dueToFederation: 0n, federationDueFromBranch: 0n });
    expect(await ledger('osk')).toEqual({ bank: 0n, duesReceivable: 12000n, duesIncome: -8400n, dueToFederation: -3600n, federationDueFromBranch: 3600n });
  });

  it('payments:record by invoice number: the invoice PAID and the entries of each basis in the branch’s and the federation’s books', async () => {
    const tky = await ok('payments:record', '--member', members.tky.number, '--amount', '12000', '--received-on', '2027-03-20', '--invoice', invoices.tky, '--reference', '振込 0001', '--as', staff.tky);
    expect(tky).toMatch(/payment [0-9a-f-]{36} recorded \/ 入金を記録しました: P\d+ ¥12,000 BANK_TRANSFER received 入金日 2027-03-20/);
    expect(tky).toContain(`  ${invoices.tky}: ¥12,000 → PAID (outstanding 未収 ¥0)`);
    await ok('payments:record', '--member', members.osk.number, '--amount', '12,000', '--received-on', '2027-03-19', '--method', 'CASH', '--invoice', invoices.osk, '--as', staff.osk);

    expect(await invoice(invoices.tky)).toEqual({ status: 'PAID', recognition: 'ON_RECEIPT', paid: 12000 });
    expect(await invoice(invoices.osk)).toEqual({ status: 'PAID', recognition: 'ACCRUAL', paid: 12000 });
    // ON_RECEIPT: Dr bank / Cr 会費収入 (branch share) / Cr 他会計未払金 (federation share), mirrored in the federation's book.
    expect(await ledger('tky')).toEqual({ bank: 12000n, duesReceivable: 0n, duesIncome: -8400n, dueToFederation: -3600n, federationDueFromBranch: 3600n });
    // ACCRUAL: the cash clears 未収会費; income and the federation's share were booked at issue.
    expect(await balance(books.osk, AccountCode.Cash)).toBe(12000n);
    expect(await ledger('osk')).toEqual({ bank: 0n, duesReceivable: 0n, duesIncome: -8400n, dueToFederation: -3600n, federationDueFromBranch: 3600n });
    expect(await balance(books.federation, AccountCode.DuesIncome)).toBe(-7200n);
  });

  it('payments:void reopens the invoice and reverses the payment in both books; recording it again pays it again', async () => {
    const [payment] = await t.db.query(`SELECT id FROM payments WHERE member_id = $1 AND status = 'RECORDED'`, [members.tky.id]);
    expect(await ok('payments:void', '--payment', payment.id, '--reason', '二重入力 / entered twice', '--as', staff.tky)).toContain(`payment ${payment.id} voided / 入金を取り消しました: ¥12,000`);
    expect(await invoice(invoices.tky)).toEqual({ status: 'OPEN', recognition: 'ON_RECEIPT', paid: 0 });
    expect(await ledger('tky')).toEqual({ bank: 0n, duesReceivable: 0n, duesIncome: 0n, dueToFederation: 0n, federationDueFromBranch: 0n });
    expect(await auditActor('payment.void')).toBe((await t.db.query(`SELECT id FROM users WHERE email = $1`, [staff.tky]))[0].id);

    await ok('payments:record', '--member', members.tky.number, '--amount', '12000', '--received-on', '2027-03-20', '--invoice', invoices.tky, '--reference', '振込 0002', '--as', staff.tky);
    expect(await invoice(invoices.tky)).toEqual({ status: 'PAID', recognition: 'ON_RECEIPT', paid: 12000 });
    expect(await ledger('tky')).toEqual({ bank: 12000n, duesReceivable: 0n, duesIncome: -8400n, dueToFederation: -3600n, federationDueFromBranch: 3600n });
  });

  it('dues:void-invoice: an unpaid ON_RECEIPT invoice is voided with nothing to reverse, an ACCRUAL one has its accrual reversed', async () => {
    const tky = await ok('dues:join', '--member', members.tky2.number, '--plan', 'IND', '--as', staff.tky);
    const osk = await ok('dues:join', '--member', members.osk2.number, '--plan', 'IND');
    invoices.tky2 = /TKY-2026-\d{6}/.exec(tky)![0];
    invoices.osk2 = /OSK-2026-\d{6}/.exec(osk)![0];
    expect(await balance(books.osk, AccountCode.DuesReceivable)).toBe(12000n);

    expect(await ok('dues:void-invoice', '--invoice', invoices.tky2, '--reason', '加入取消 / join cancelled', '--as', staff.tky)).toContain(`invoice ${invoices.tky2} voided / 請求書 ${invoices.tky2} を取り消しました (¥12,000; nothing was booked / 仕訳なし)`);
    expect(await ok('dues:void-invoice', '--invoice', invoices.osk2, '--reason', '加入取消 / join cancelled')).toContain('its accrual reversed / 計上を取り消しました');
    expect(await invoice(invoices.tky2)).toMatchObject({ status: 'VOID' });
    expect(await invoice(invoices.osk2)).toMatchObject({ status: 'VOID' });
    expect(await ledger('tky')).toEqual({ bank: 12000n, duesReceivable: 0n, duesIncome: -8400n, dueToFederation: -3600n, federationDueFromBranch: 3600n });
    expect(await ledger('osk')).toEqual({ bank: 0n, duesReceivable: 0n, duesIncome: -8400n, dueToFederation: -3600n, federationDueFromBranch: 3600n });
    // A paid invoice cannot be voided: refused, named, nothing changed.
    const paid = await cli('dues:void-invoice', '--invoice', invoices.tky, '--reason', 'x');
    expect(paid.exitCode).toBe(1);
    expect(paid.stderr).toContain(`Invoice ${invoices.tky} is already paid`);
    expect(await invoice(invoices.tky)).toMatchObject({ status: 'PAID' });
  });

  it('settlement:record clears what each branch owes the federation, in both books; the statement agrees', async () => {
    expect(await ok('settlement:record', '--branch', 'TKY', '--amount', '3600', '--settled-on', '2027-03-20', '--reference', '精算 2026Q4', '--as', staff.tky)).toMatch(
      /settlement [0-9a-f-]{36} recorded \/ 精算を記録しました: TKY → federation 連合会 ¥3,600 on 振替日 2027-03-20/,
    );
    await ok('settlement:record', '--branch', 'OSK', '--amount', '3600', '--settled-on', '2027-03-20', '--as', staff.osk);
    for (const branch of ['tky', 'osk'] as const) {
      expect(await ledger(branch)).toMatchObject({ dueToFederation: 0n, federationDueFromBranch: 0n });
    }
    // More than is owed: refused, nothing changed.
    const more = await cli('settlement:record', '--branch', 'TKY', '--amount', '1', '--settled-on', '2027-03-20', '--as', staff.tky);
    expect(more.exitCode).toBe(1);
    expect(await w.count('settlements')).toBe(2);
  });

  it('dues:report states each branch’s basis and gives the same totals for the paid invoices on both bases, as GraphQL and the settlement statement do', async () => {
    const report = await ok('dues:report', '--year', '2026', '--as', staff.admin);
    const paidOnly = 'members 会員 1 · invoiced 請求 1 ¥12,000 · paid 完納 1, received 入金 ¥12,000 · outstanding 未収 0 ¥0';
    expect(report).toContain(`TKY 東京支部 — ON_RECEIPT (受取時に会費収入を計上)\n  ${paidOnly}\n`);
    expect(report).toContain(`OSK 大阪支部 — ACCRUAL (発生主義: 請求時に未収会費を計上)\n  ${paidOnly}\n`);
    const byPlan = await ok('dues:report', '--year', '2026', '--by', 'plan', '--branch', 'OSK', '--as', staff.osk);
    expect(byPlan).toContain(`OSK IND 大阪支部 — ACCRUAL`);
    expect(byPlan).not.toContain('TKY');

    // The CSVs say each row's basis in their last column (計上基準 / Basis), the columns before it unchanged.
    const dir = mkdtempSync(join(tmpdir(), 'dues-basis-'));
    await ok('dues:report', '--year', '2026', '--as', staff.admin, '--out', join(dir, 'totals.csv'));
    await ok('dues:report', '--year', '2026', '--by', 'plan', '--as', staff.admin, '--out', join(dir, 'status.csv'));
    const csvLines = (file: string) => readFileSync(join(dir, file), 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(csvLines('totals.csv')).toEqual([
      '支部コード / Branch code,支部 / Branch,通貨 / Currency,会員数 / Members,請求件数 / Invoices,請求額 / Invoiced,連合会配分 / Federation share,支部配分 / Branch share,完納件数 / Paid invoices,入金額 / Paid,未納件数 / Outstanding invoices,未収額 / Outstanding,計上基準 / Basis',
      'OSK,大阪支部,JPY,1,1,12000,3600,8400,1,12000,0,0,発生主義 / accrual',
      'TKY,東京支部,JPY,1,1,12000,3600,8400,1,12000,0,0,現金主義（受領時） / on receipt',
    ]);
    const status = csvLines('status.csv');
    expect(status[0].endsWith(',未収額 / Outstanding,計上基準 / Basis')).toBe(true);
    expect(status.slice(1).map((row) => [row.split(',')[0], row.split(',').at(-1)])).toEqual([
      ['OSK', '発生主義 / accrual'],
      ['TKY', '現金主義（受領時） / on receipt'],
    ]);

    const totals = await t.gql(TOTALS, { y: 2026 }, { token: w.admin });
    expect(totals.data!.duesBranchTotals).toEqual([
      { branchCode: 'OSK', recognition: 'ACCRUAL', invoiced: { amount: 12000 }, paid: { amount: 12000 }, outstanding: { amount: 0 } },
      { branchCode: 'TKY', recognition: 'ON_RECEIPT', invoiced: { amount: 12000 }, paid: { amount: 12000 }, outstanding: { amount: 0 } },
    ]);
    for (const [branchId, recognition] of [[w.tky.id, 'ON_RECEIPT'], [w.osk.id, 'ACCRUAL']]) {
      const s = await t.gql(STATEMENT, { b: branchId, from: '2026-04-01', to: '2027-03-31' }, { token: w.admin });
      expect(s.data!.settlementStatement).toEqual({ recognition, accrued: { amount: 3600 }, settled: { amount: 3600 }, closing: { net: { amount: 0 } }, federationView: { agrees: true } });
    }
    // The CSV statement takes the branch by code too; both books closed at zero.
    // Each statement says its book's basis, on every row (the last column, 計上基準 / Basis).
    for (const [code, basis] of [['TKY', '現金主義（受領時） / on receipt'], ['OSK', '発生主義 / accrual']]) {
      const csv = await ok('settlement:statement', '--branch', code, '--from', '2026-04-01', '--to', '2027-03-31');
      expect(csv).toContain(`${code},2027-03-31,期末残高 / Closing balance,,,0,JPY,,${basis}`);
      const [header, ...rows] = csv.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
      expect(header.endsWith(',計上基準 / Basis')).toBe(true);
      expect(rows.length).toBeGreaterThanOrEqual(2);
      for (const row of rows) expect(row.endsWith(`,${basis}`)).toBe(true);
    }
    expect(await ok('ledger:verify')).toContain('OK: control accounts agree');
  });

  describe('bad input: a bilingual refusal naming the option, exit code 1, nothing changed', () => {
    const TABLES = ['memberships', 'dues_invoices', 'payments', 'payment_allocations', 'settlements', 'journal_entries', 'journal_lines', 'audit_events'];
    const snapshot = async () => Object.fromEntries(await Promise.all(TABLES.map(async (table) => [table, await w.count(table)])));
    const refused = async (args: string[], expected: RegExp) => {
      const before = await snapshot();
      const run = await cli(...args);
      expect({ exitCode: run.exitCode, stdout: run.stdout }).toEqual({ exitCode: 1, stdout: '' });
      expect(run.stderr).toMatch(/^Refused \/ 実行できませんでした:/);
      expect(run.stderr).toMatch(expected);
      expect(await snapshot()).toEqual(before);
    };
    const pay = (over: Record<string, string>) => {
      const o = { '--member': members.tky2.number, '--amount': '12000', '--received-on': '2027-03-20', ...over };
      return ['payments:record', ...Object.entries(o).flat()];
    };

    it('an unknown member number, plan code, invoice number or branch code', async () => {
      await refused(['dues:join', '--member', 'P9999999', '--plan', 'IND'], /--member: Member not found \(P9999999\) \/ 会員が見つかりません \(P9999999\)/);
      await refused(['dues:join', '--member', members.tky2.number, '--plan', 'NOPE'], /--plan: Dues plan not found \(NOPE\) \/ 会費プランが見つかりません \(NOPE\)/);
      await refused(pay({ '--member': 'P9999999' }), /--member: Member not found/);
      await refused(pay({ '--invoice': 'TKY-2026-999999' }), /--invoice: Invoice not found \(TKY-2026-999999\) \/ 請求書が見つかりません \(TKY-2026-999999\)/);
      await refused(['dues:void-invoice', '--invoice', 'TKY-2026-999999', '--reason', 'x'], /--invoice: Invoice not found/);
      await refused(['settlement:record', '--branch', 'NOPE', '--amount', '1', '--settled-on', '2027-03-20'], /--branch: Branch not found \(NOPE\) \/ 支部が見つかりません \(NOPE\)/);
      await refused(['dues:report', '--year', '2026', '--branch', 'NOPE'], /--branch: Branch not found/);
      await refused(['payments:void', '--payment', 'not-a-payment', '--reason', 'x'], /--payment: /);
    });

    it('an amount that is not a positive integer of yen', async () => {
      for (const amount of ['12.5', '0', '-100', 'abc']) await refused(pay({ '--amount': amount }), /--amount: .+ \/ 金額は/);
      await refused(['settlement:record', '--branch', 'TKY', '--amount', '0', '--settled-on', '2027-03-20'], /--amount: .+ \/ 金額は正の整数で入力してください/);
    });

    it('a date that is not ISO YYYY-MM-DD, or in the future', async () => {
      for (const date of ['20270320', '2027-02-30', '2027/03/20']) await refused(pay({ '--received-on': date }), /--received-on: .*YYYY-MM-DD/);
      await refused(['dues:join', '--member', members.tky2.number, '--plan', 'IND', '--joined-on', '2027-3-1'], /--joined-on: .*YYYY-MM-DD/);
      await refused(pay({ '--received-on': '2027-03-21' }), /--received-on: The date must not be in the future \/ 未来の日付は指定できません/);
      await refused(['settlement:record', '--branch', 'TKY', '--amount', '1', '--settled-on', '2027-03-21'], /--settled-on: The date must not be in the future/);
      await refused(['dues:report', '--year', '20x6'], /--year: /);
      await refused(['dues:issue-fiscal-year', '--year', '1999'], /fiscalYear must be a year from 2000 to 2100 \/ 年度は2000〜2100の整数で指定してください/);
    });

    it('--as someone who is not an active staff user, or a treasurer outside their branch', async () => {
      await refused(['dues:join', '--member', members.tky2.number, '--plan', 'IND', '--as', 'nobody@example.jp'], /--as: nobody@example.jp is not an active staff user \/ nobody@example.jp は有効な職員ユーザーではありません/);
      await refused(['dues:join', '--member', members.tky2.number, '--plan', 'IND', '--as', staff.member], /--as: .+ is not an active staff user/);
      const former = await t.signIn(Role.BRANCH_TREASURER, { branchIds: [w.tky.id] });
      await t.db.query(`UPDATE users SET active = false WHERE id = $1`, [former.userId]);
      await refused(['dues:join', '--member', members.tky2.number, '--plan', 'IND', '--as', former.email], /--as: .+ is not an active staff user/);
      await refused(pay({ '--member': members.osk2.number, '--as': staff.tky }), /You do not have access to this branch \/ この支部のデータを扱う権限がありません/);
      await refused(['settlement:record', '--branch', 'OSK', '--amount', '1', '--settled-on', '2027-03-20', '--as', staff.tky], /You do not have access to this branch/);
    });
  });
});
