import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { AccountCode, GQL, GrantsWorld, NOW, applicationInput } from './support/grants-world.js';

/**
 * Fifty approvers' calls racing for one budget: each approval checks the budget under the
 * program's row lock, so exactly as many succeed as the budget holds, and the others are told why.
 */
describe('approvals racing for one budget', () => {
  let t: TestApp;
  let w: GrantsWorld;

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW });
    w = await GrantsWorld.create(t);
  });
  afterAll(() => checkThenClose(t, ledgerBalances));

  it('fifty concurrent approvals of 50,000 against a 1,000,000 budget: twenty succeed, nothing is over-committed', async () => {
    const program = await w.program({ totalBudget: 1_000_000, maxPerAward: 150_000, twoApproverThreshold: 100_000, requiredDocuments: [] });
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const input = applicationInput(program.id, { email: `racer-${i}@example.jp`, costs: [{ category: 'TUITION', amount: 50_000 }] });
      const { id } = (await w.ok(GQL.create, { input }, w.officer)).createGrantApplication;
      await w.ok(GQL.submit, { input: { id } }, w.officer);
      await w.ok(GQL.startReview, { input: { id } }, w.officer2);
      await w.ok(GQL.review, { input: { id, checklist: [{ item: 'ok', ok: true }], recommendedAmount: 50_000, comment: 'ok' } }, w.officer2);
      ids.push(id);
    }

    // Watch the database while the race runs: approvals waiting on the program's lock.
    let racing = true;
    let waitsSeen = 0;
    const watcher = (async () => {
      while (racing) {
        const [row] = await t.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`);
        waitsSeen = Math.max(waitsSeen, row.n);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const results = await Promise.all(ids.map((id) => t.gql(GQL.approve, { input: { id, costs: [{ category: 'TUITION', amount: 50_000 }] } }, { token: w.approver.token })));
    racing = false;
    await watcher;

    const ok = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    expect(ok).toHaveLength(20);
    expect(refused).toHaveLength(30);
    for (const r of refused) expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'GRANT_EXCEEDS_BUDGET', fields: [{ field: 'input.costs' }] });
    expect(waitsSeen).toBeGreaterThan(0);

    const budget = (await w.ok(GQL.program, { id: program.id }, w.officer)).grantProgram.budget;
    expect(budget).toEqual({ budget: { amount: 1_000_000 }, committed: { amount: 1_000_000 }, disbursed: { amount: 0 }, remaining: { amount: 0 } });
    const [{ approved, awarded }] = await t.db.query(
      `SELECT count(*) FILTER (WHERE status = 'APPROVED')::int AS approved, sum(awarded_amount)::int AS awarded FROM grant_applications WHERE program_id = $1`,
      [program.id],
    );
    expect({ approved, awarded }).toEqual({ approved: 20, awarded: 1_000_000 });
    // The books agree: twenty approval entries, 1,000,000 of expense on the program's fund.
    expect(await w.balance(AccountCode.GrantExpense, `GRANT:${program.code}`)).toBe(1_000_000n);
  });
});
