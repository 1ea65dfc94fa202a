import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Command } from 'commander';
import { duesCommand } from '../apps/cli/src/commands/dues.command.js';
import { ledgerVerifyCommand } from '../apps/cli/src/commands/ledger-verify.command.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, controlAccounts, ledgerBalances } from './support/check-then-close.js';
import { duesWorld, individualPlan } from './support/dues-world.js';
import { runCli } from './support/run-cli.js';

jest.setTimeout(60_000);

describe('dues CLI commands', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof duesWorld>>;

  beforeAll(async () => {
    t = await TestApp.start({ now: new Date('2027-03-20T03:00:00Z') });
    w = await duesWorld(t);
    const ind = await w.plan(individualPlan());
    for (const branchId of [w.tky.id, w.tky.id, w.osk.id]) await w.joined(await w.person(branchId), ind);
  }, 120_000);
  afterAll(() => checkThenClose(t, ledgerBalances, controlAccounts), 120_000);

  const run = async (...args: string[]) => {
    const program = new Command('rentai').exitOverride();
    duesCommand(program, async () => t.app);
    ledgerVerifyCommand(program, async () => t.app);
    const out: string[] = [];
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await program.parseAsync(['node', 'rentai', ...args]);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    return out.join('');
  };

  const invoiceEntries = async (branchId: string) =>
    (
      await t.db.query(
        `SELECT count(*)::int AS n FROM journal_entries e JOIN books b ON b.id = e.book_id WHERE b.branch_id = $1 AND e.source = 'INVOICE' AND e.entry_date >= '2027-03-01'`,
        [branchId],
      )
    )[0].n;

  it('dues:recognition shows the default basis, sets the federation to ACCRUAL and one branch book back to ON_RECEIPT (audited), refuses a bad value', async () => {
    expect(await run('dues:recognition')).toContain('federation: ON_RECEIPT (受取時に会費収入を計上) — default / 既定');
    expect(await run('dues:recognition', '--set', 'ACCRUAL')).toContain('federation: ACCRUAL');
    expect(await run('dues:recognition', '--branch', 'OSK', '--set', 'ON_RECEIPT')).toContain('OSK: ON_RECEIPT');
    const bad = await runCli(t.app, ['dues:recognition', '--set', 'CASH']);
    expect({ exitCode: bad.exitCode, stderr: bad.stderr }).toEqual({ exitCode: 1, stderr: 'Refused / 実行できませんでした:\n  --set: Must be ON_RECEIPT or ACCRUAL, not CASH / ON_RECEIPT か ACCRUAL を指定してください (CASH は使えません)\n' });
    expect(await w.count('audit_events', `action LIKE 'duesRecognition.%'`)).toBe(2);
  });

  it('dues:issue-fiscal-year issues one branch by code, then the rest, then nothing', async () => {
    expect(await run('dues:issue-fiscal-year', '--year', '2027', '--branch', 'TKY')).toContain('TKY: 2 invoices');
    expect(await w.count('dues_invoices', 'fiscal_year = 2027')).toBe(2);
    expect(await run('dues:issue-fiscal-year', '--year', '2027')).toContain('fiscal year 2027: 1 invoices issued');
    expect(await run('dues:issue-fiscal-year', '--year', '2027')).toContain('fiscal year 2027: 0 invoices issued');
    const unknown = await runCli(t.app, ['dues:issue-fiscal-year', '--year', '2027', '--branch', 'NOPE']);
    expect({ exitCode: unknown.exitCode, stderr: unknown.stderr }).toEqual({ exitCode: 1, stderr: 'Refused / 実行できませんでした:\n  --branch: Branch not found (NOPE) / 支部が見つかりません (NOPE)\n' });
  });

  it('each branch issued on its book’s basis: TKY (ACCRUAL) one summary entry for the run, OSK (ON_RECEIPT) none; ledger:verify finds the control accounts in agreement', async () => {
    expect(await invoiceEntries(w.tky.id)).toBe(1);
    expect(await w.count('dues_invoices', `fiscal_year = 2027 AND recognition = 'ACCRUAL' AND branch_id = $1`, [w.tky.id])).toBe(2);
    expect(await invoiceEntries(w.osk.id)).toBe(0);
    expect(await w.count('dues_invoices', `fiscal_year = 2027 AND recognition = 'ON_RECEIPT' AND branch_id = $1`, [w.osk.id])).toBe(1);
    const out = await run('ledger:verify');
    expect(out).toContain('OK: control accounts agree');
    expect(process.exitCode ?? 0).toBe(0);
  });

  it('dues:export-arrears writes the CSV with a BOM', async () => {
    t.clock!.set(new Date('2027-05-01T03:00:00Z'));
    const file = join(mkdtempSync(join(tmpdir(), 'dues-')), 'arrears.csv');
    await run('dues:export-arrears', '--branch', 'TKY', '--out', file);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').split('\r\n').filter(Boolean);
    // TKY's two members, each with a 2026 and a 2027 invoice, all due 2027-04-19 (30 days after issue on 2027-03-20).
    expect(lines).toHaveLength(1 + 4);
    expect(lines.slice(1).every((l) => l.startsWith('TKY-') && l.includes(',2027-04-19,12,JPY,12000,0,12000'))).toBe(true);
  });
});
