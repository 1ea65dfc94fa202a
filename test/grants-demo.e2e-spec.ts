import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GrantApplicationStatus, GrantsDemo } from '#grants';
import { Role } from '#auth';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { AccountCode, GQL, GrantsWorld, NOW } from './support/grants-world.js';

/** The demo federation's grant program: one application in every status, payees, one exported batch, books that agree. */
describe('grants demo data', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW });
  });
  afterAll(() => checkThenClose(t, ledgerBalances));

  it('seeds a program with an application in every status, payees and an exported, paid batch', async () => {
    const result = await t.app.get(GrantsDemo).seed();
    expect(result.created).toBe(true);
    expect(result.programCode).toBe('DEMO-CARE-2026');
    expect(Object.keys(result.applications).sort()).toEqual(Object.values(GrantApplicationStatus).sort());

    const statuses = await t.db.query(`SELECT status, count(*)::int AS n FROM grant_applications WHERE program_id = $1 GROUP BY status ORDER BY status`, [result.programId]);
    expect(statuses.map((s: { n: number }) => s.n)).toEqual(Array(9).fill(1));
    const [batch] = await t.db.query(`SELECT status, record_count, transfer_date::text AS transfer_date, octet_length(file) AS bytes FROM grant_batches WHERE id = $1`, [result.batchId]);
    expect(batch).toEqual({ status: 'EXPORTED', record_count: 2, transfer_date: '2026-06-15', bytes: 5 * 122 });
    const [{ payees }] = await t.db.query(`SELECT count(*)::int AS payees FROM grant_payees`);
    expect(payees).toBe(4); // approved, disbursed, completed, cancelled

    // The books agree with the program's figures, through GraphQL as the auditor reads them.
    const w = await GrantsWorld.create(t);
    const report = (await w.ok(GQL.report, { programId: result.programId }, await t.signIn(Role.AUDITOR))).grantProgramReport;
    expect(report.byStatus).toHaveLength(9);
    const fund = `GRANT:${result.programCode}`;
    expect(await w.balance(AccountCode.GrantExpense, fund)).toBe(BigInt(report.budget.committed.amount + report.budget.disbursed.amount));
    expect(await w.balance(AccountCode.GrantsPayable, fund)).toBe(BigInt(-report.budget.committed.amount));
    expect(await w.balance(AccountCode.Bank, fund)).toBe(BigInt(-report.budget.disbursed.amount));
    expect(report.budget.disbursed.amount).toBe(85_000 + 122_000);
    const queued = await t.db.query(`SELECT status, amount::int AS amount FROM grant_disbursements WHERE application_id = $1`, [result.applications.APPROVED]);
    expect(queued).toEqual([{ status: 'SCHEDULED', amount: 50_000 }]);
  });

  it('a second run changes nothing and returns the same program', async () => {
    const [before] = await t.db.query(`SELECT (SELECT count(*) FROM grant_applications)::int AS a, (SELECT count(*) FROM journal_entries)::int AS e, (SELECT count(*) FROM audit_events)::int AS audits`);
    const again = await t.app.get(GrantsDemo).seed();
    expect(again.created).toBe(false);
    expect(Object.keys(again.applications)).toHaveLength(9);
    const [after] = await t.db.query(`SELECT (SELECT count(*) FROM grant_applications)::int AS a, (SELECT count(*) FROM journal_entries)::int AS e, (SELECT count(*) FROM audit_events)::int AS audits`);
    expect(after).toEqual(before);
  });
});
