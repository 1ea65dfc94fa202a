import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#auth';
import { JIT_AFTER } from '../apps/gateway/src/graphql.options.js';
import { gql } from './support/gql.js';
import { TestApp, type GqlResult } from './support/test-app.js';

const MEMBERSHIPS_100 = gql(`query QueryCostMemberships100 { memberships(first: 100) { edges { node { id history { toStatus } invoices { id number amount { amount currency } outstanding { amount currency } } } } } }`);
// Without `first` and with a literal one (a variable `first` is counted with each request's value: MEMBERSHIPS_PAGE).
const NESTED_DEFAULT_PAGE = gql(`query QueryCostNestedDefaultPage { memberships { edges { node { invoices { id amount { amount currency } paid { amount currency } outstanding { amount currency } branchShare { amount currency } federationShare { amount currency } } } } } }`);
const NESTED_PAGE_OF_40 = gql(`query QueryCostNestedPageOf40 { memberships(first: 40) { edges { node { invoices { id amount { amount currency } paid { amount currency } outstanding { amount currency } branchShare { amount currency } federationShare { amount currency } } } } } }`);
/** The selection of MEMBERSHIPS_100, its page size a variable: 50 + first × 95. */
const MEMBERSHIPS_PAGE = gql(`query QueryCostMembershipsPage($first: Int) { memberships(first: $first) { edges { node { id history { toStatus } invoices { id number amount { amount currency } outstanding { amount currency } } } } } }`);
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

  describe('a page size given by a variable', () => {
    const page = (first: number | null) => t.gql(MEMBERSHIPS_PAGE, { first }, { token: admin });
    const runs = (res: GqlResult<unknown>) => {
      expect(res.errors).toBeUndefined();
      expect(res.status).toBe(200);
    };

    it('is counted with the request’s value: 20 runs, 100 is refused as the literal 100 is, from the first request and once compiled', async () => {
      // The literal page of 100, refused at validation: 9,550.
      const literal = await t.gql(MEMBERSHIPS_100, {}, { token: admin });
      refusedForCost(literal);
      // Request 1 of this document: validation counts its smallest page (50 + 1 × 95 = 145), the request its 100.
      const refused = await page(100);
      expect(refused).toEqual(literal);
      expect(refused.status).toBe(400);
      // JIT_AFTER + 2 requests with 20 (1,950): graphql-js, the request that compiles it, compiled; then 100 again.
      for (let i = 0; i < JIT_AFTER + 2; i++) runs(await page(20));
      expect(await page(100)).toEqual(literal);
      runs(await page(20));
    });

    it('is exact at the limit (52 runs at 4,990, 53 is refused at 5,085), and a variable left out or null pays the default page of 20', async () => {
      runs(await page(52));
      const over = await page(53);
      refusedForCost(over);
      expect(over.errors?.[0].message).toContain('cost 5085 exceeds the limit of 5000');
      // A page far beyond the argument's range is refused for its cost (before, counted 100 whatever it asked).
      expect((await page(100_000)).errors?.[0].message).toContain('cost 9500050 exceeds the limit of 5000');
      runs(await page(null));
      runs(await t.gql(MEMBERSHIPS_PAGE, {}, { token: admin }));
    });

    it('a document too costly even for a page of 1 is refused at validation, counted at that page', async () => {
      // 35 aliases × (50 + 1 × 95) = 5,075 at a page of 1 (the request's 20 would be 68,250).
      const fragment = 'fragment Page on MembershipConnection { edges { node { id history { toStatus } invoices { id number amount { amount currency } outstanding { amount currency } } } } }';
      const aliases = Array.from({ length: 35 }, (_, i) => `m${i}: memberships(first: $first) { ...Page }`).join(' ');
      // Untyped: 35 aliases, built at run time.
      const query = `query QueryCostAliasedPages($first: Int) { ${aliases} } ${fragment}`;
      for (const first of [20, 1]) {
        const res = await t.gql<unknown>(query, { first }, { token: admin });
        refusedForCost(res);
        expect(res.status).toBe(400);
        expect(res.errors?.[0].message).toContain('cost 5075 exceeds the limit of 5000');
      }
    });
  });
});

