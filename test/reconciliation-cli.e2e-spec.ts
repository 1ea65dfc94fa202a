import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ReconciliationDemo, transactionDetailsFile } from '#reconciliation';
import { runCli } from './support/run-cli.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { NOW, PaymentsWorld } from './support/payments-world.js';

describe('reconciliation demo and CLI', () => {
  let t: TestApp;
  let w: PaymentsWorld;
  let tokyo: Awaited<ReturnType<PaymentsWorld['branch']>>;
  const dir = mkdtempSync(join(tmpdir(), 'reconciliation-cli-'));

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW });
    w = await PaymentsWorld.create(t);
    tokyo = await w.branch();
    for (let i = 0; i < 6; i += 1) await w.memberWithInvoice(tokyo.id);
  });
  afterAll(() => checkThenClose(t, ledgerBalances));

  it("the demo adds a Zengin statement for the branch's bank account, made from its open invoices with noise, and some lines wait for the treasurer", async () => {
    const result = await t.app.get(ReconciliationDemo).seed(tokyo.id, { on: '2026-06-30' });
    expect(result).toMatchObject({ lines: 9, newLines: 9, alreadyImported: false });
    expect(result.autoConfirmed).toBeGreaterThan(0);
    expect(result.autoConfirmed + result.suggested + result.unmatched).toBe(9);
    const statuses = await t.db.query(`SELECT status, count(*)::int AS n FROM reconciliation_lines GROUP BY status ORDER BY status`);
    expect(statuses.map((s: { status: string }) => s.status)).toEqual(expect.arrayContaining(['CONFIRMED', 'UNMATCHED']));
    const again = await t.app.get(ReconciliationDemo).seed(tokyo.id, { on: '2026-06-30' });
    expect(again).toMatchObject({ alreadyImported: true, newLines: 0 });
  });

  it('statements:import reads a file, shows its progress and summary, and refuses a file that does not add up', async () => {
    const lines = [{ reference: '00000777', bookedOn: '2026-06-20', direction: 'IN' as const, amount: 999n, payerName: 'ﾏﾂﾀﾞ ｼﾞﾛｳ' }];
    const account = { bankCode: '0001', bankName: 'ﾐｽﾞﾎ', branchCode: '001', branchName: 'ﾄｳｷﾖｳ', accountNumber: '1234567', accountName: 'ﾚﾝﾀｲ', from: '2026-06-01', to: '2026-06-30', opening: 0n, lines };
    const file = join(dir, 'statement.txt');
    writeFileSync(file, transactionDetailsFile([account]));
    const run = await runCli(t.app, ['statements:import', file, '--branch', tokyo.id, '--lang', 'en']);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain('Matching: 1/1 (100%)');
    expect(run.stdout).toContain('1 lines (1 new): 0 confirmed automatically, 0 with suggestions, 1 unmatched');

    const bad = Buffer.from(transactionDetailsFile([account]));
    bad.write('9', 200 * 2 + 2 * 2 + 40); // the trailer's closing balance, one digit off
    writeFileSync(file, bad);
    const refused = await runCli(t.app, ['statements:import', file, '--branch', tokyo.id]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('3 行目');
  });
});
