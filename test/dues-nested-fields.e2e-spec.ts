import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { countQueries } from '../libs/testing/src/query-counter.js';
import { gql } from './support/gql.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { duesWorld, individualPlan } from './support/dues-world.js';

// One document per page size, not a variable `first`: the cost limit counts a variable page as the largest (100).
const PAGE_OF_20 = gql(`query DuesNestedFieldsPageOf20 { memberships(first: 20) { edges { node { id branchId
  history { toStatus event effectiveOn } invoices { id number status amount { amount } } } } } }`);
const PAGE_OF_2 = gql(`query DuesNestedFieldsPageOf2 { memberships(first: 2) { edges { node { id branchId
  history { toStatus event effectiveOn } invoices { id number status amount { amount } } } } } }`);
const ME = gql(`query DuesNestedFieldsMe { me { id } }`);

/** Nested dues fields (`membership.history`, `membership.invoices`) are batched per request (no N+1). */
describe('membership lists batch their nested fields', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof duesWorld>>;
  const joined: { membershipId: string; invoiceId: string; branchId: string }[] = [];

  beforeAll(async () => {
    t = await TestApp.start({ now: new Date('2026-06-15T03:00:00Z') });
    w = await duesWorld(t);
    const plan = await w.plan(individualPlan());
    for (const branch of [w.tky, w.osk, w.tky, w.osk, w.tky, w.osk, w.tky, w.osk, w.tky, w.osk, w.tky, w.osk]) {
      const j = await w.joined(await w.person(branch.id), plan);
      joined.push({ membershipId: j.membership.id, invoiceId: j.invoice.id, branchId: branch.id });
    }
  }, 120_000);
  afterAll(() => checkThenClose(t, ledgerBalances), 120_000);

  /** The page's statements, the actor already known (a first request of the session loads it once). */
  async function counted(token: string, page: typeof PAGE_OF_20 | typeof PAGE_OF_2) {
    await t.gql(ME, {}, { token });
    const counter = countQueries(t.db);
    const res = await t.gql(page, {}, { token });
    counter.stop();
    expect(res.errors).toBeUndefined();
    return { rows: res.data!.memberships.edges.map((e) => e.node), work: counter.work };
  }

  it('a page of 12 memberships with history and invoices runs three statements: the page, the histories, the invoices', async () => {
    const { rows, work } = await counted(w.admin, PAGE_OF_20);
    expect(rows).toHaveLength(12);
    for (const j of joined) {
      const row = rows.find((r) => r.id === j.membershipId)!;
      expect(row.invoices.map((i) => i.id)).toEqual([j.invoiceId]);
      expect(row.history.length).toBeGreaterThan(0);
    }
    expect(work).toHaveLength(3);
    expect(work.filter((s) => /membership_status_changes/.test(s))).toHaveLength(1);
    expect(work.filter((s) => /dues_invoices/.test(s))).toHaveLength(1);

    const small = await counted(w.admin, PAGE_OF_2);
    expect(small.rows).toHaveLength(2);
    expect(small.work).toHaveLength(3);
  });

  it('batched, a treasurer still sees only their branch and its invoices', async () => {
    const { rows, work } = await counted(w.tkyTreasurer, PAGE_OF_20);
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.branchId === w.tky.id)).toBe(true);
    expect(rows.flatMap((r) => r.invoices.map((i) => i.id)).sort()).toEqual(
      joined
        .filter((j) => j.branchId === w.tky.id)
        .map((j) => j.invoiceId)
        .sort(),
    );
    expect(work).toHaveLength(3);
  });
});
