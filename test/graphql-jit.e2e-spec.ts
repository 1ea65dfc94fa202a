import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#auth';
import type { Branch } from '#federation';
import { createBranch } from '../libs/testing/src/factories/branch.factory.js';
import { createPerson } from '../libs/testing/src/factories/member.factory.js';
import { JIT_AFTER } from '../apps/gateway/src/graphql.options.js';
import { gql } from './support/gql.js';
import { TestApp, type GqlOptions, type GqlResult } from './support/test-app.js';

/**
 * The gateway runs a document on graphql-js its first JIT_AFTER times, compiles it with graphql-jit on the next
 * request and runs the compiled query from then on. Each document here is sent JIT_AFTER + 2 times (graphql-js,
 * compiling, compiled): the answers must be the same, data and errors alike (authorization, field-level
 * validation, refused variables).
 */
const JIT_PAGE = gql(`query JitMemberPage { members(first: 50) { edges { node { memberNumber name branch { code } } } pageInfo { hasNextPage } } }`);
const JIT_SEARCH = gql(`query JitMemberSearch($filter: MemberFilterInput, $first: Int) { members(filter: $filter, first: $first) { edges { node { memberNumber } } } }`);
/** Sent only by the bad-variables test: its request after JIT_AFTER good ones is the one that compiles. */
const JIT_FILTER = gql(`query JitMemberFilter($filter: MemberFilterInput) { members(filter: $filter) { edges { node { memberNumber } } } }`);
const JIT_FUNDS = gql(`query JitFunds($closed: Boolean! = false) { funds(includeClosed: $closed) { code } }`);

describe('graphql-jit: a document answers the same on graphql-js, on the request that compiles it, and compiled', () => {
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

  /** The same request JIT_AFTER + 2 times; every answer (status, data, errors) must equal the first. */
  async function untilCompiled<R>(send: () => Promise<GqlResult<R>>): Promise<GqlResult<R>> {
    const answers: GqlResult<R>[] = [];
    for (let i = 0; i < JIT_AFTER + 2; i++) answers.push(await send());
    for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);
    return answers[0];
  }
  const as = (token: string): GqlOptions => ({ token });

  it('a branch treasurer’s page holds only their branch’s members, every time', async () => {
    const res = await untilCompiled(() => t.gql(JIT_PAGE, {}, as(eastTreasurer)));
    expect(res.errors).toBeUndefined();
    expect(res.data!.members.edges.map((e) => e.node.branch.code)).toEqual(['JEAST', 'JEAST', 'JEAST']);
    const all = await untilCompiled(() => t.gql(JIT_PAGE, {}, as(admin)));
    expect(all.data!.members.edges).toHaveLength(6);
  });

  it('a member, and a caller without a session, are refused the same way every time', async () => {
    const member = (await t.signIn(Role.MEMBER, { memberId: memberIds[0] })).token;
    expect((await untilCompiled(() => t.gql(JIT_PAGE, {}, as(member)))).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await untilCompiled(() => t.gql(JIT_PAGE, {}))).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('an out-of-range page size is refused naming the field, every time', async () => {
    const res = await untilCompiled(() => t.gql(JIT_SEARCH, { first: 500 }, as(admin)));
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'first' })] });
  });

  it('bad variables get graphql-js’s message with the path, also on the compiling request', async () => {
    // The first JIT_AFTER requests are good (graphql-js runs them); the next, which compiles, and the one after carry a bad enum.
    for (let i = 0; i < JIT_AFTER; i++) expect((await t.gql(JIT_FILTER, { filter: { status: 'ACTIVE' } }, as(admin))).errors).toBeUndefined();
    const bad = { filter: { status: 'NOPE' } } as never;
    const compiling = await t.gql(JIT_FILTER, bad, as(admin));
    const compiled = await t.gql(JIT_FILTER, bad, as(admin));
    expect(compiling).toEqual(compiled);
    expect(compiling.status).toBe(400);
    expect(compiling.errors?.[0].message).toContain('Variable "$filter" got invalid value "NOPE" at "filter.status"');
    expect(compiling.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'filter.status' }] });
    // And the compiled document still answers a good request.
    expect((await t.gql(JIT_FILTER, { filter: { status: 'ACTIVE' } }, as(admin))).errors).toBeUndefined();
  });

  it('an omitted non-null variable with a default is taken as its default every time (graphql-jit alone refuses it)', async () => {
    const res = await untilCompiled(() => t.gql(JIT_FUNDS, {}, as(admin)));
    expect(res.errors).toBeUndefined();
    expect(Array.isArray(res.data!.funds)).toBe(true);
  });
});
