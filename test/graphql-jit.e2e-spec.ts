import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#auth';
import type { Branch } from '#federation';
import { createBranch } from '../libs/testing/src/factories/branch.factory.js';
import { createPerson } from '../libs/testing/src/factories/member.factory.js';
import { gql } from './support/gql.js';
import { TestApp, type GqlOptions, type GqlResult } from './support/test-app.js';

/**
 * The gateway runs a document on graphql-js the first time, compiles it with graphql-jit the second time
 * (Mercurius `jit: 1`) and runs the compiled query from then on. Each document here is sent three times: the
 * answers must be the same, data and errors alike (authorization, field-level validation, refused variables).
 */
const JIT_PAGE = gql(`query JitMemberPage { members(first: 50) { edges { node { memberNumber name branch { code } } } pageInfo { hasNextPage } } }`);
const JIT_SEARCH = gql(`query JitMemberSearch($filter: MemberFilterInput, $first: Int) { members(filter: $filter, first: $first) { edges { node { memberNumber } } } }`);
/** Sent only by the bad-variables test: its second request is the one that compiles. */
const JIT_FILTER = gql(`query JitMemberFilter($filter: MemberFilterInput) { members(filter: $filter) { edges { node { memberNumber } } } }`);
const JIT_FUNDS = gql(`query JitFunds($closed: Boolean! = false) { funds(includeClosed: $closed) { code } }`);

describe('graphql-jit: a document answers the same on its first, second (compiling) and third request', () => {
  let t: TestApp;
  let admin: string;
  let east: Branch;
  let eastTreasurer: string;
  let memberIds: string[];

  beforeAll(async () => {
    t = await TestApp.start();
    admin = (await t.signIn(Role.FEDERATION_ADMIN)).token;
    east = await createBranch(t.app, { code: 'JEAST' });
    const west = await createBranch(t.app, { code: 'JWEST' });
    memberIds = [];
    for (let i = 0; i < 6; i++) memberIds.push((await createPerson(t.app, { branchId: i % 2 ? east.id : west.id })).id);
    eastTreasurer = (await t.signIn(Role.BRANCH_TREASURER, { branchIds: [east.id] })).token;
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  /** The same request three times; the three answers (status, data, errors) must be equal. */
  async function thrice<R>(send: () => Promise<GqlResult<R>>): Promise<GqlResult<R>> {
    const answers = [await send(), await send(), await send()];
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    return answers[0];
  }
  const as = (token: string): GqlOptions => ({ token });

  it('a branch treasurer’s page holds only their branch’s members, every time', async () => {
    const res = await thrice(() => t.gql(JIT_PAGE, {}, as(eastTreasurer)));
    expect(res.errors).toBeUndefined();
    expect(res.data!.members.edges.map((e) => e.node.branch.code)).toEqual(['JEAST', 'JEAST', 'JEAST']);
    const all = await thrice(() => t.gql(JIT_PAGE, {}, as(admin)));
    expect(all.data!.members.edges).toHaveLength(6);
  });

  it('a member, and a caller without a session, are refused the same way every time', async () => {
    const member = (await t.signIn(Role.MEMBER, { memberId: memberIds[0] })).token;
    expect((await thrice(() => t.gql(JIT_PAGE, {}, as(member)))).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await thrice(() => t.gql(JIT_PAGE, {}))).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('an out-of-range page size is refused naming the field, every time', async () => {
    const res = await thrice(() => t.gql(JIT_SEARCH, { first: 500 }, as(admin)));
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'first' })] });
  });

  it('bad variables get graphql-js’s message with the path, also on the compiling request', async () => {
    // The first request is good (graphql-js runs it); the second, which compiles, and the third carry a bad enum.
    expect((await t.gql(JIT_FILTER, { filter: { status: 'ACTIVE' } }, as(admin))).errors).toBeUndefined();
    const bad = { filter: { status: 'NOPE' } } as never;
    const second = await t.gql(JIT_FILTER, bad, as(admin));
    const third = await t.gql(JIT_FILTER, bad, as(admin));
    expect(second).toEqual(third);
    expect(second.status).toBe(400);
    expect(second.errors?.[0].message).toContain('Variable "$filter" got invalid value "NOPE" at "filter.status"');
    expect(second.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'filter.status' }] });
  });

  it('an omitted non-null variable with a default is taken as its default every time (graphql-jit alone refuses it)', async () => {
    const res = await thrice(() => t.gql(JIT_FUNDS, {}, as(admin)));
    expect(res.errors).toBeUndefined();
    expect(Array.isArray(res.data!.funds)).toBe(true);
  });
});
