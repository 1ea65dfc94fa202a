import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#auth';
import { createBranch, createPerson, eventually } from '#testing';
import { countQueries } from '../libs/testing/src/query-counter.js';
import { gql } from './support/gql.js';
import type { GrantRoleInput } from './support/schema-types.js';
import { TestApp, type GqlResult } from './support/test-app.js';

const ME = gql(`query ActorCacheMe { me { id } }`);
const MEMBERS = gql(`query ActorCacheMembers { members(first: 5) { edges { node { id } } } }`);
const SIGN_OUT_EVERYWHERE = gql(`mutation ActorCacheSignOutEverywhere { signOutEverywhere }`);
const REVOKE = gql(`mutation ActorCacheRevoke($input: GrantRoleInput!) { revokeRole(input: $input) { id } }`);
const GRANT = gql(`mutation ActorCacheGrant($input: GrantRoleInput!) { grantRole(input: $input) { id } }`);
const DEACTIVATE = gql(`mutation ActorCacheDeactivate($id: ID!) { deactivateUser(userId: $id) { id } }`);
const BRANCH_NAME = gql(`query ActorCacheBranchName($branchId: ID!) { members(first: 1, filter: { branchId: $branchId }) { edges { node { branch { nameJa } } } } }`);

/**
 * The actor (session → user → grants) is cached between requests; whatever changes it takes
 * effect on the caller's next request: in this process as soon as the use case commits, and
 * from any other process (another gateway, the CLI, psql) as soon as PostgreSQL's change
 * notification arrives (here: a write straight to the tables, as another process makes it).
 */
describe('the cached actor', () => {
  let t: TestApp;
  let admin: string;
  let branchId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = (await t.signIn(Role.FEDERATION_ADMIN)).token;
    branchId = (await createBranch(t.app, { code: 'CCH' })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const code = (res: GqlResult<unknown>) => res.errors?.[0]?.extensions?.code ?? 'OK';

  it('is read once, then served without a statement', async () => {
    const { token } = await t.signIn(Role.AUDITOR);
    // The listener connects on first use; from then on the actor is remembered.
    await eventually(async () => {
      await t.gql(ME, {}, { token });
      const counter = countQueries(t.db);
      await t.gql(ME, {}, { token });
      counter.stop();
      return !counter.work.some((s) => /FROM users u LEFT JOIN role_grants/.test(s));
    });
  });

  it('a session revoked by signing out everywhere is refused on the next request', async () => {
    const { token } = await t.signIn(Role.BRANCH_TREASURER, { branchIds: [branchId] });
    expect(code(await t.gql(ME, {}, { token }))).toBe('OK');
    expect(code(await t.gql(ME, {}, { token }))).toBe('OK');
    expect(code(await t.gql(SIGN_OUT_EVERYWHERE, {}, { token }))).toBe('OK');
    expect(code(await t.gql(ME, {}, { token }))).toBe('UNAUTHENTICATED');
  });

  it('a revoked role is refused on the next request, a granted one allowed', async () => {
    const treasurer = await t.signIn(Role.BRANCH_TREASURER, { branchIds: [branchId] });
    const grant: GrantRoleInput = { userId: treasurer.userId, role: 'BRANCH_TREASURER', branchId };
    expect(code(await t.gql(MEMBERS, {}, { token: treasurer.token }))).toBe('OK');
    expect(code(await t.gql(REVOKE, { input: grant }, { token: admin }))).toBe('OK');
    expect(code(await t.gql(MEMBERS, {}, { token: treasurer.token }))).toBe('FORBIDDEN');
    expect(code(await t.gql(GRANT, { input: grant }, { token: admin }))).toBe('OK');
    expect(code(await t.gql(MEMBERS, {}, { token: treasurer.token }))).toBe('OK');
  });

  it('a deactivated user is refused on the next request', async () => {
    const user = await t.signIn(Role.AUDITOR);
    expect(code(await t.gql(ME, {}, { token: user.token }))).toBe('OK');
    expect(code(await t.gql(DEACTIVATE, { id: user.userId }, { token: admin }))).toBe('OK');
    expect(code(await t.gql(ME, {}, { token: user.token }))).toBe('UNAUTHENTICATED');
  });

  describe('changed by another process (straight in the tables)', () => {
    it('a bumped session version ends the cached session', async () => {
      const user = await t.signIn(Role.AUDITOR);
      expect(code(await t.gql(ME, {}, { token: user.token }))).toBe('OK');
      await t.db.query(`UPDATE users SET session_version = session_version + 1 WHERE id = $1`, [user.userId]);
      await eventually(async () => code(await t.gql(ME, {}, { token: user.token })) === 'UNAUTHENTICATED', { attempts: 50, intervalMs: 20 });
    });

    it('a deleted grant and a changed role take effect', async () => {
      const treasurer = await t.signIn(Role.BRANCH_TREASURER, { branchIds: [branchId] });
      expect(code(await t.gql(MEMBERS, {}, { token: treasurer.token }))).toBe('OK');
      await t.db.query(`DELETE FROM role_grants WHERE user_id = $1`, [treasurer.userId]);
      await eventually(async () => code(await t.gql(MEMBERS, {}, { token: treasurer.token })) === 'FORBIDDEN', { attempts: 50, intervalMs: 20 });
      await t.db.query(`INSERT INTO role_grants (user_id, role, branch_id) VALUES ($1, 'AUDITOR', NULL)`, [treasurer.userId]);
      await eventually(async () => code(await t.gql(MEMBERS, {}, { token: treasurer.token })) === 'OK', { attempts: 50, intervalMs: 20 });
    });

    it('a renamed branch is read again', async () => {
      await createPerson(t.app, { branchId });
      const nameOf = async () => (await t.gql(BRANCH_NAME, { branchId }, { token: admin })).data?.members.edges[0]?.node.branch.nameJa;
      const before = await nameOf();
      await t.db.query(`UPDATE branches SET name_ja = '改名支部' WHERE id = $1`, [branchId]);
      await eventually(async () => (await nameOf()) === '改名支部', { attempts: 50, intervalMs: 20 });
      expect(before).not.toBe('改名支部');
    });
  });
});
