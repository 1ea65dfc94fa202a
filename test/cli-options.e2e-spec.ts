import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '#auth';
import { BookService } from '#ledger';
import { createPerson } from '#testing';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { duesWorld, individualPlan } from './support/dues-world.js';
import { runCli } from './support/run-cli.js';

jest.setTimeout(60_000);

/**
 * The CLI's options as a treasurer meets them: `--as` on the commands that change or export data (the audit
 * log names the person, their branch scope applies), every wrong option listed in one refusal, a report's
 * branch filter applied to its CSV too, and a payment voided by the reference recorded with it.
 */
describe('CLI options: --as everywhere, all problems at once, filtered CSV, a payment by its reference', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof duesWorld>>;
  const staff = { tky: '', osk: '', tkyAdmin: '', admin: '' };
  const members: Record<'tky' | 'osk' | 'tkyLate' | 'oskLate', { id: string; number: string }> = {} as never;
  const books = { tky: '', osk: '' };
  const dir = tmpdir();
  const file = (name: string) => join(dir, `rentai-cli7b-${process.pid}-${name}`);

  const cli = (...args: string[]) => runCli(t.app, args);
  const ok = async (...args: string[]) => {
    const run = await cli(...args);
    expect({ exitCode: run.exitCode, stderr: run.stderr.includes('Refused') ? run.stderr : '' }).toEqual({ exitCode: 0, stderr: '' });
    return run;
  };
  const userId = async (email: string) => (await t.db.query(`SELECT id FROM users WHERE email = $1`, [email]))[0].id;
  const auditActor = async (action: string) =>
    (await t.db.query(`SELECT actor_user_id AS "userId" FROM audit_events WHERE action = $1 ORDER BY occurred_at DESC LIMIT 1`, [action]))[0]?.userId;
  const TABLES = ['memberships', 'dues_invoices', 'payments', 'payment_allocations', 'settlements', 'journal_entries', 'journal_lines', 'audit_events'];
  const snapshot = async () => Object.fromEntries(await Promise.all(TABLES.map(async (table) => [table, await w.count(table)])));
  /** Refused in both languages, exit code 1, nothing printed on stdout and nothing changed. */
  const refused = async (args: string[]) => {
    const before = await snapshot();
    const run = await cli(...args);
    expect({ exitCode: run.exitCode, stdout: run.stdout }).toEqual({ exitCode: 1, stdout: '' });
    expect(run.stderr).toMatch(/^Refused \/ 実行できませんでした:/);
    expect(await snapshot()).toEqual(before);
    return run.stderr;
  };

  beforeAll(async () => {
    // Joined in January: by March 20 their invoices are past due (the arrears list).
    t = await TestApp.start({ now: new Date('2027-01-10T03:00:00Z') });
    w = await duesWorld(t);
    await w.plan(individualPlan());
    const bookService = t.app.get(BookService);
    books.tky = (await bookService.bookForBranch(w.tky.id)).id;
    books.osk = (await bookService.bookForBranch(w.osk.id)).id;
    staff.tky = (await t.signIn(Role.BRANCH_TREASURER, { branchIds: [w.tky.id] })).email;
    staff.osk = (await t.signIn(Role.BRANCH_TREASURER, { branchIds: [w.osk.id] })).email;
    staff.tkyAdmin = (await t.signIn(Role.BRANCH_ADMIN, { branchIds: [w.tky.id] })).email;
    staff.admin = (await t.signIn(Role.FEDERATION_ADMIN)).email;
    for (const [key, branchId] of [['tky', w.tky.id], ['osk', w.osk.id], ['tkyLate', w.tky.id], ['oskLate', w.osk.id]] as const) {
      const m = await createPerson(t.app, { branchId });
      members[key] = { id: m.id, number: m.memberNumber };
      await ok('dues:join', '--member', m.memberNumber, '--plan', 'IND', '--as', staff.admin);
    }
    t.clock!.set(new Date('2027-03-20T03:00:00Z'));
  }, 120_000);
  afterAll(() => checkThenClose(t, ledgerBalances), 120_000);

  describe('payments:void by the reference recorded with the payment', () => {
    it('voids the one payment carrying the reference; the audit log names the treasurer', async () => {
      const invoice = (await t.db.query(`SELECT number FROM dues_invoices WHERE member_id = $1`, [members.tky.id]))[0].number;
      const paid = await ok('payments:record', '--member', members.tky.number, '--amount', '12000', '--received-on', '2027-03-19', '--invoice', invoice, '--reference', '振込 0101', '--as', staff.tky);
      const id = /payment ([0-9a-f-]{36}) recorded/.exec(paid.stdout)![1];
      const voided = await ok('payments:void', '--payment', '振込 0101', '--reason', '二重入力 / entered twice', '--as', staff.tky);
      expect(voided.stdout).toContain(`payment ${id} voided / 入金を取り消しました: ¥12,000`);
      expect((await t.db.query(`SELECT status FROM payments WHERE id = $1`, [id]))[0].status).toBe('VOIDED');
      expect((await t.db.query(`SELECT status FROM dues_invoices WHERE number = $1`, [invoice]))[0].status).toBe('OPEN');
      expect(await auditActor('payment.void')).toBe(await userId(staff.tky));
      // Voided already: the reference still finds it, and the service says so.
      expect(await refused(['payments:void', '--payment', '振込 0101', '--reason', 'again', '--as', staff.tky])).toContain('This payment has already been voided');
    });

    it('several live payments with the reference: refused, listing them by id; the id then voids one', async () => {
      const a = await ok('payments:record', '--member', members.tky.number, '--amount', '12000', '--received-on', '2027-03-19', '--method', 'CASH', '--reference', 'R-7', '--allow-credit', '--as', staff.tky);
      const b = await ok('payments:record', '--member', members.tky.number, '--amount', '500', '--received-on', '2027-03-20', '--reference', 'R-7', '--allow-credit', '--as', staff.tky);
      const [idA, idB] = [a, b].map((run) => /payment ([0-9a-f-]{36}) recorded/.exec(run.stdout)![1]);
      const stderr = await refused(['payments:void', '--payment', 'R-7', '--reason', 'x', '--as', staff.tky]);
      expect(stderr).toContain('--payment: Several payments carry reference R-7; give one by id:');
      expect(stderr).toContain(`${idA} (2027-03-19 ¥12,000 CASH)`);
      expect(stderr).toContain(`${idB} (2027-03-20 ¥500 BANK_TRANSFER)`);
      expect(stderr).toContain('支払参照番号 R-7 の入金が複数あります');
      expect((await ok('payments:void', '--payment', idB, '--reason', '誤入力', '--as', staff.tky)).stdout).toContain(`payment ${idB} voided`);
      // One live payment left with R-7: the reference finds it.
      expect((await ok('payments:void', '--payment', 'R-7', '--reason', '誤入力', '--as', staff.tky)).stdout).toContain(`payment ${idA} voided`);
    });

    it('a reference only another branch’s payment carries is not found for a treasurer of this one (nothing disclosed)', async () => {
      const invoice = (await t.db.query(`SELECT number FROM dues_invoices WHERE member_id = $1`, [members.osk.id]))[0].number;
      await ok('payments:record', '--member', members.osk.number, '--amount', '12000', '--received-on', '2027-03-19', '--invoice', invoice, '--reference', '大阪 0001', '--as', staff.osk);
      expect(await refused(['payments:void', '--payment', '大阪 0001', '--reason', 'x', '--as', staff.tky])).toContain(
        '--payment: No payment with reference or id 大阪 0001 / 支払参照番号・入金ID 大阪 0001 の入金が見つかりません',
      );
      expect(await refused(['payments:void', '--payment', 'nothing-like-it', '--reason', 'x'])).toContain('--payment: No payment with reference or id nothing-like-it');
    });
  });

  describe('dues:report', () => {
    it('--by something else (or dues:recognition --set something else): the bilingual refusal naming the option, exit 1', async () => {
      expect(await refused(['dues:recognition', '--set', 'CASH', '--as', staff.admin])).toBe(
        'Refused / 実行できませんでした:\n  --set: Must be ON_RECEIPT or ACCRUAL, not CASH / ON_RECEIPT か ACCRUAL を指定してください (CASH は使えません)\n',
      );
      expect(await refused(['dues:report', '--year', '2026', '--by', 'member'])).toBe(
        'Refused / 実行できませんでした:\n  --by: Must be branch or plan, not member / branch か plan を指定してください (member は使えません)\n',
      );
    });

    it('--branch TKY --out f.csv: the file holds only that branch’s rows, by branch and by plan', async () => {
      for (const by of ['branch', 'plan']) {
        const out = file(`report-${by}.csv`);
        const run = await ok('dues:report', '--year', '2026', '--by', by, '--branch', 'TKY', '--out', out, '--as', staff.admin);
        expect(run.stdout).not.toContain('OSK');
        const rows = (await readFile(out, 'utf8')).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
        expect(rows).toHaveLength(2);
        expect(rows[1]).toMatch(/^"?TKY"?,/);
        // Without the filter the admin's file has both branches.
        await ok('dues:report', '--year', '2026', '--by', by, '--out', out, '--as', staff.admin);
        expect((await readFile(out, 'utf8')).trim().split(/\r?\n/)).toHaveLength(3);
      }
    });
  });

  describe('every wrong option in one refusal, as a form lists them', () => {
    it('payments:record: an unknown member and invoice, an amount and a date that are not', async () => {
      const stderr = await refused(['payments:record', '--member', 'P9999999', '--invoice', 'TKY-2026-999999', '--amount', '12.5', '--received-on', '2027-02-30']);
      expect(stderr).toContain('\n  --member: Member not found (P9999999) / 会員が見つかりません (P9999999)');
      expect(stderr).toContain('\n  --invoice: Invoice not found (TKY-2026-999999)');
      expect(stderr).toMatch(/\n {2}--amount: .+ \/ 金額は/);
      expect(stderr).toMatch(/\n {2}--received-on: .*YYYY-MM-DD/);
    });

    it('dues:join: an unknown --as, member and plan and a bad date, all listed', async () => {
      const stderr = await refused(['dues:join', '--member', 'P9999999', '--plan', 'NOPE', '--joined-on', '2027-3-1', '--as', 'nobody@example.jp']);
      expect(stderr.split('\n').filter((l) => l.startsWith('  --')).map((l) => l.split(':')[0].trim())).toEqual(['--as', '--member', '--plan', '--joined-on']);
    });

    it('settlement:record and dues:report: an unknown branch with a bad amount; a bad --by, year and branch', async () => {
      const settle = await refused(['settlement:record', '--branch', 'NOPE', '--amount', '0', '--settled-on', '2027/03/20']);
      expect(settle).toContain('--branch: Branch not found (NOPE)');
      expect(settle).toContain('--amount: ');
      expect(settle).toMatch(/--settled-on: .*YYYY-MM-DD/);
      const report = await refused(['dues:report', '--year', '20x6', '--by', 'member', '--branch', 'NOPE']);
      expect(report.split('\n').filter((l) => l.startsWith('  --')).map((l) => l.split(':')[0].trim())).toEqual(['--by', '--year', '--branch']);
    });
  });

  describe('--as on the older commands: the person acts, within their branches', () => {
    it('dues:export-arrears: a treasurer’s list holds their branch; another branch is refused and no file is written', async () => {
      const out = file('arrears.csv');
      const run = await ok('dues:export-arrears', '--out', out, '--as', staff.osk);
      const lines = (await readFile(out, 'utf8')).trim().split(/\r?\n/).slice(1);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.every((l) => /^"?OSK-2026-/.test(l))).toBe(true);
      expect(run.stderr).toContain(`${lines.length} invoices in arrears`);
      const refusedFile = file('arrears-refused.csv');
      expect(await refused(['dues:export-arrears', '--branch', 'TKY', '--out', refusedFile, '--as', staff.osk])).toContain('You do not have access to this branch / この支部のデータを扱う権限がありません');
      expect(existsSync(refusedFile)).toBe(false);
      // Without --as: the system, every branch, as before.
      await ok('dues:export-arrears', '--out', out);
      const all = (await readFile(out, 'utf8')).trim().split(/\r?\n/).slice(1);
      expect(all.some((l) => /^"?TKY-2026-/.test(l))).toBe(true);
    });

    it('payments:export: a treasurer exports their branch only; another branch is refused', async () => {
      const out = file('payments.csv');
      await ok('payments:export', '--out', out, '--as', staff.tky);
      const csv = await readFile(out, 'utf8');
      expect(csv).toContain(w.tky.id);
      expect(csv).not.toContain(w.osk.id);
      expect(await refused(['payments:export', '--branch', 'OSK', '--as', staff.tky])).toContain('You do not have access to this branch');
      expect(await refused(['settlement:statement', '--branch', 'OSK', '--from', '2026-04-01', '--to', '2027-03-31', '--as', staff.tky])).toContain('You do not have access to this branch');
    });

    it('renewals:run: the branch admin runs their branch and the audit log names them; a treasurer or another branch is refused', async () => {
      expect(await refused(['renewals:run', '--branch', 'OSK', '--as', staff.tkyAdmin])).toContain('You do not have access to this branch');
      await refused(['renewals:run', '--as', staff.tkyAdmin]);
      await refused(['renewals:run', '--branch', 'TKY', '--as', staff.tky]);
      // A paid membership of fiscal year 2026: the run issues its 2027 invoice.
      const invoice = (await t.db.query(`SELECT number FROM dues_invoices WHERE member_id = $1`, [members.tkyLate.id]))[0].number;
      await ok('payments:record', '--member', members.tkyLate.number, '--amount', '12000', '--received-on', '2027-03-20', '--invoice', invoice, '--as', staff.tky);
      const run = await ok('renewals:run', '--branch', 'TKY', '--as', staff.tkyAdmin);
      expect(run.stdout).toContain('renewals 2027-03-20 (TKY)');
      // A progress bar per step on stderr: the invoices against their count, the reminder candidates (read in batches) as counted.
      const [, issued] = /^fiscal-year invoices \/ 年度更新請求書 +(\d+)$/m.exec(run.stdout.replace(/^ +/gm, ''))!;
      expect(run.stderr).toContain(`renewal invoices / 更新請求書: ${issued}/${issued} (100%)`);
      expect(run.stderr).toMatch(/^reminders \/ 更新のお知らせ: [1-9]\d* open invoices checked \/ 未払いの請求書 [1-9]\d*件を確認$/m);
      // The fiscal-year step of the run (2027's invoices, 30 days ahead) is recorded as the admin's.
      expect(await auditActor('duesInvoice.issueFiscalYear')).toBe(await userId(staff.tkyAdmin));
    });

    it('dues:start-memberships: a treasurer starts their branch’s, recorded under their name; the whole federation or another branch is refused', async () => {
      expect(await refused(['dues:start-memberships', '--as', staff.tky])).toContain('Only a federation admin may start the memberships of the whole federation');
      expect(await refused(['dues:start-memberships', '--branch', 'OSK', '--as', staff.tky])).toContain('You do not have access to this branch');
      expect((await ok('dues:start-memberships', '--branch', 'TKY', '--as', staff.tky)).stdout).toContain('memberships started / ');
      expect(await auditActor('membership.startRun')).toBe(await userId(staff.tky));
      // Without --as: the system, the whole federation, as before.
      await ok('dues:start-memberships');
    });

    it('dues:auto-renew: a federation admin’s run, recorded under their name; a treasurer is refused', async () => {
      expect(await refused(['dues:auto-renew', '--as', staff.tky])).toContain('Only a federation admin may run the auto-renew charges / 自動更新の決済処理は連合会管理者のみ実行できます');
      expect((await ok('dues:auto-renew', '--as', staff.admin)).stdout).toContain('auto-renew 2027-03-20: 0 invoices');
      expect(await auditActor('autoRenew.run')).toBe(await userId(staff.admin));
      // A day that does not exist: refused on the option before anything runs (no second run in the audit trail).
      const runs = async () => Number((await t.db.query(`SELECT count(*) AS n FROM audit_events WHERE action = 'autoRenew.run'`))[0].n);
      const before = await runs();
      const refusal = await refused(['dues:auto-renew', '--on', '2027-02-30', '--as', staff.admin]);
      expect(refusal).toContain('--on');
      expect(refusal).toContain('Must be a date written YYYY-MM-DD, e.g. 2026-04-01 (2027-02-30 is not)');
      expect(refusal).toContain('日付は YYYY-MM-DD の形式で入力してください');
      expect(await runs()).toBe(before);
    });

    it('receipts:annual: a federation admin’s run, recorded under their name; a treasurer is refused', async () => {
      expect(await refused(['receipts:annual', '--year', '2026', '--as', staff.tky])).toContain(
        'Only a federation admin may run the annual donation receipts / 年間の寄附金受領証明書の発行は連合会管理者のみ実行できます',
      );
      expect((await ok('receipts:annual', '--year', '2026', '--as', staff.admin)).stdout).toContain('2026 annual receipts: 0 issued');
      expect(await auditActor('receipts.annualRun')).toBe(await userId(staff.admin));
    });

    it('journal:export and receipts:donor-register: another branch’s book is refused; their own is written', async () => {
      const out = file('journal.csv');
      await ok('journal:export', '--book', books.tky, '--format', 'PLAIN', '--from', '2026-04-01', '--to', '2027-03-31', '--out', out, '--lang', 'en', '--as', staff.tky);
      expect(existsSync(out)).toBe(true);
      const other = await cli('journal:export', '--book', books.osk, '--format', 'PLAIN', '--from', '2026-04-01', '--to', '2027-03-31', '--out', file('journal-osk.csv'), '--lang', 'en', '--as', staff.tky);
      expect(other.exitCode).toBe(1);
      expect(existsSync(file('journal-osk.csv'))).toBe(false);
      const register = await cli('receipts:donor-register', '--book', books.osk, '--fiscal-year', '2026', '--as', staff.tky);
      expect({ exitCode: register.exitCode, stdout: register.stdout }).toEqual({ exitCode: 1, stdout: '' });
      expect(register.stderr).toMatch(/^Refused \/ 実行できませんでした:/);
      const unknown = await cli('journal:export', '--book', books.tky, '--format', 'PLAIN', '--from', '2026-04-01', '--to', '2027-03-31', '--out', out, '--as', 'nobody@example.jp');
      expect(unknown.exitCode).toBe(1);
    });
  });
});
