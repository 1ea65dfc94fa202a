import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#auth';
import { gql } from './support/gql.js';
import { TestApp, type GqlResult } from './support/test-app.js';

const MEMBERSHIPS_100 = gql(`query QueryCostMemberships100 { memberships(first: 100) { edges { node { id history { toStatus } invoices { id number amount { amount currency } outstanding { amount currency } } } } } }`);
// Two documents, not one with a variable: a variable `first` is counted as the largest page (100), whatever it is given.
const NESTED_DEFAULT_PAGE = gql(`query QueryCostNestedDefaultPage { memberships { edges { node { invoices { id amount { amount currency } paid { amount currency } outstanding { amount currency } branchShare { amount currency } federationShare { amount currency } } } } } }`);
const NESTED_PAGE_OF_40 = gql(`query QueryCostNestedPageOf40 { memberships(first: 40) { edges { node { invoices { id amount { amount currency } paid { amount currency } outstanding { amount currency } branchShare { amount currency } federationShare { amount currency } } } } } }`);
const MEMBERS_100 = gql(`query QueryCostMembers100 { members(first: 100) { edges { cursor node { id memberNumber name email } } pageInfo { hasNextPage endCursor } } }`);

/** The query cost limit (5,000) through the gateway: lists counted by the rows they may return. */
describe('the query cost limit', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await TestApp.start();
    admin = (await t.signIn(Role.FEDERATION_ADMIN)).token;
  });
  afterAll(async () => {
    await t?.close();
  });

  const refusedForCost = (res: GqlResult<unknown>) => {
    expect(res.data).toBeNull();
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COSTLY' });
  };

  it('refuses a page of 100 memberships with their invoices and history (counted 1,401 before, as if the lists had one row)', async () => {
    // 50 + 100 × (edges 1 + node 1 + id 1 + history (1 + 10 × 1) + invoices (1 + 10 × (id 1 + number 1 + amount 3 + outstanding 3))) = 9,550
    const res = await t.gql(MEMBERSHIPS_100, {}, { token: admin });
    refusedForCost(res);
    expect(res.errors?.[0].message).toContain('cost 9550 exceeds the limit of 5000');
  });

  it('refuses a hundred aliases of a database-backed field (counted 1 each before)', async () => {
    const aliases = Array.from({ length: 101 }, (_, i) => `m${i}: me { id }`).join(' ');
    // Untyped: 101 aliases, built at run time.
    refusedForCost(await t.gql<unknown>(`{ ${aliases} }`, {}, { token: admin }));
  });

  it('counts a list without `first` as its default page of 20', async () => {
    // 50 + 20 × (edges 1 + node 1 + invoices (1 + 10 × (id 1 + 5 × 3))) = 3,310: under the limit; with first: 40, 6,570.
    const res = await t.gql(NESTED_DEFAULT_PAGE, {}, { token: admin });
    expect(res.errors).toBeUndefined();
    refusedForCost(await t.gql(NESTED_PAGE_OF_40, {}, { token: admin }));
  });

  it('lets a full page of members with their fields through', async () => {
    const res = await t.gql(MEMBERS_100, {}, { token: admin });
    expect(res.errors).toBeUndefined();
  });
});
