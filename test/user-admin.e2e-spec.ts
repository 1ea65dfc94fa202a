import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Role } from '#auth';
import { createBranch } from '#testing';
import { gql, type ResultOf } from './support/gql.js';
import type { CreateStaffUserInput } from './support/schema-types.js';
import { TestApp, type GqlResult } from './support/test-app.js';

jest.setTimeout(60_000);

const CREATE = gql(`mutation UserAdminCreate($input: CreateStaffUserInput!) {
  createStaffUser(input: $input) { id email displayName locale active memberId roles { role branchIds } }
}`);
const GRANT = gql(`mutation UserAdminGrant($input: GrantRoleInput!) { grantRole(input: $input) { id roles { role branchIds } } }`);
const REVOKE = gql(`mutation UserAdminRevoke($input: GrantRoleInput!) { revokeRole(input: $input) { id roles { role branchIds } } }`);
const DEACTIVATE = gql(`mutation UserAdminDeactivate($userId: ID!) { deactivateUser(userId: $userId) { id active } }`);
const USERS = gql(`query UserAdminUsers($role: Role, $branchId: ID, $first: Int, $after: String) {
  users(role: $role, branchId: $branchId, first: $first, after: $after) { edges { node { email roles { role branchIds } } } pageInfo { hasNextPage endCursor } }
}`);
const SIGN_IN = gql(`mutation UserAdminSignIn($input: SignInInput!) { signIn(input: $input) { token } }`);
const ME = gql(`query UserAdminMe { me { id } }`);

describe('user administration by a federation admin', () => {
  let t: TestApp;
  let admin: { token: string; userId: string };
  let tokyo: string;
  let osaka: string;
  const userCount = async () => (await t.db.query(`SELECT count(*)::int AS n FROM users`))[0].n as number;
  const valid = (): CreateStaffUserInput => ({
    email: `staff-${randomUUID().slice(0, 8)}@example.jp`,
    displayName: '支部 会計',
    password: 'a long enough password',
    grants: [{ role: 'BRANCH_TREASURER', branchId: tokyo }],
  });

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.signIn(Role.FEDERATION_ADMIN);
    ({ id: tokyo } = await createBranch(t.app, { code: 'TKY', nameJa: '東京支部', nameEn: 'Tokyo' }));
    ({ id: osaka } = await createBranch(t.app, { code: 'OSK', nameJa: '大阪支部', nameEn: 'Osaka', prefecture: '大阪府' }));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates a staff user with branch grants who can then sign in; the creation is audited', async () => {
    const input: CreateStaffUserInput = { ...valid(), email: 'Kaikei@Example.JP', grants: [{ role: 'BRANCH_TREASURER', branchId: tokyo }, { role: 'BRANCH_TREASURER', branchId: osaka }, { role: 'GRANT_OFFICER' }], locale: 'en' };
    const res = await t.gql(CREATE, { input }, { token: admin.token });
    expect(res.errors).toBeUndefined();
    const user = res.data!.createStaffUser;
    expect(user).toMatchObject({ email: 'kaikei@example.jp', displayName: '支部 会計', locale: 'en', active: true, memberId: null });
    expect(user.roles).toEqual(
      expect.arrayContaining([
        { role: 'BRANCH_TREASURER', branchIds: [tokyo, osaka].sort() },
        { role: 'GRANT_OFFICER', branchIds: [] },
      ]),
    );
    const grants = await t.db.query(`SELECT role, branch_id FROM role_grants WHERE user_id = $1 ORDER BY role, branch_id`, [user.id]);
    expect(grants).toHaveLength(3);
    const [event] = await t.db.query(`SELECT action, actor_user_id, after FROM audit_events WHERE entity_type = 'User' AND entity_id = $1`, [user.id]);
    expect(event).toMatchObject({ action: 'user.create', actor_user_id: admin.userId, after: { email: 'kaikei@example.jp' } });
    expect(JSON.stringify(event.after)).not.toContain('password');
    const signIn = await t.gql(SIGN_IN, { input: { email: 'kaikei@example.jp', password: input.password } }, { ip: '203.0.113.1' });
    expect(signIn.data?.signIn.token).toEqual(expect.any(String));
  });

  const badInputs: [string, (input: CreateStaffUserInput) => CreateStaffUserInput, string][] = [
    ['a malformed e-mail', (i) => ({ ...i, email: 'not-an-email' }), 'input.email'],
    ['a password shorter than 12 characters', (i) => ({ ...i, password: 'short pass' }), 'input.password'],
    ['a branch role without a branch', (i) => ({ ...i, grants: [{ role: 'BRANCH_ADMIN' }] }), 'input.grants.0.branchId'],
    ['an unknown branch', (i) => ({ ...i, grants: [{ role: 'AUDITOR' }, { role: 'BRANCH_ADMIN', branchId: randomUUID() }] }), 'input.grants.1.branchId'],
    ['a branch on a role that is not per branch', (i) => ({ ...i, grants: [{ role: 'AUDITOR', branchId: tokyo }] }), 'input.grants.0.branchId'],
    ['the MEMBER role', (i) => ({ ...i, grants: [{ role: 'MEMBER' }] }), 'input.grants.0.role'],
    ['no roles at all', (i) => ({ ...i, grants: [] }), 'input.grants'],
    ['an over-long display name', (i) => ({ ...i, displayName: '長'.repeat(101) }), 'input.displayName'],
    ['an unknown locale', (i) => ({ ...i, locale: 'fr' }), 'input.locale'],
  ];

  it.each(badInputs)('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_, mutate, field) => {
    const before = await userCount();
    const res = await t.gql(CREATE, { input: mutate(valid()) }, { token: admin.token });
    expect(res.data).toBeNull();
    expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].extensions.fields?.map((f) => f.field)).toEqual([field]);
    expect(await userCount()).toBe(before);
  });

  it('refuses a duplicate e-mail (whatever its case) on input.email, writing nothing', async () => {
    const first = valid();
    expect((await t.gql(CREATE, { input: first }, { token: admin.token })).errors).toBeUndefined();
    const before = await userCount();
    const events = (await t.db.query(`SELECT count(*)::int AS n FROM audit_events`))[0].n;
    const res = await t.gql(CREATE, { input: { ...valid(), email: first.email.toUpperCase() } }, { token: admin.token });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'EMAIL_TAKEN', fields: [{ field: 'input.email' }] });
    expect(await userCount()).toBe(before);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_events`))[0].n).toBe(events);
  });

  it('grants and revokes roles, audited with the branch', async () => {
    const { id } = (await t.gql(CREATE, { input: valid() }, { token: admin.token })).data!.createStaffUser;
    const granted = await t.gql(GRANT, { input: { userId: id, role: 'BRANCH_ADMIN', branchId: osaka } }, { token: admin.token });
    expect(granted.data!.grantRole.roles).toEqual(expect.arrayContaining([{ role: 'BRANCH_ADMIN', branchIds: [osaka] }]));
    const revoked = await t.gql(REVOKE, { input: { userId: id, role: 'BRANCH_TREASURER', branchId: tokyo } }, { token: admin.token });
    expect(revoked.data!.revokeRole.roles).toEqual([{ role: 'BRANCH_ADMIN', branchIds: [osaka] }]);
    const events = await t.db.query(`SELECT action, branch_id FROM audit_events WHERE entity_id = $1 ORDER BY id`, [id]);
    expect(events).toEqual([
      { action: 'user.create', branch_id: null },
      { action: 'user.grant_role', branch_id: osaka },
      { action: 'user.revoke_role', branch_id: tokyo },
    ]);
    const missing = await t.gql(REVOKE, { input: { userId: id, role: 'AUDITOR' } }, { token: admin.token });
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'ROLE_GRANT_NOT_FOUND' });
    const unknownBranch = await t.gql(GRANT, { input: { userId: id, role: 'BRANCH_ADMIN', branchId: randomUUID() } }, { token: admin.token });
    expect(unknownBranch.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.branchId' }] });
    const member = await t.gql(GRANT, { input: { userId: id, role: 'MEMBER' } }, { token: admin.token });
    expect(member.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.role' }] });
  });

  it('deactivates a user: their session ends, they cannot sign in, and it is audited', async () => {
    const input = valid();
    const { id } = (await t.gql(CREATE, { input }, { token: admin.token })).data!.createStaffUser;
    const session = (await t.gql(SIGN_IN, { input: { email: input.email, password: input.password } }, { ip: '203.0.113.2' })).data!.signIn.token;
    const res = await t.gql(DEACTIVATE, { userId: id }, { token: admin.token });
    expect(res.data!.deactivateUser).toEqual({ id, active: false });
    expect((await t.gql(ME, {}, { token: session })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const again = await t.gql(SIGN_IN, { input: { email: input.email, password: input.password } }, { ip: '203.0.113.2' });
    expect(again.errors?.[0].extensions.reason).toBe('INVALID_CREDENTIALS');
    const events = await t.db.query(`SELECT action, before, after FROM audit_events WHERE entity_id = $1 AND action = 'user.deactivate'`, [id]);
    expect(events).toEqual([{ action: 'user.deactivate', before: { active: true }, after: { active: false } }]);
  });

  it('keeps one active federation admin (no revoking the last, no deactivating oneself); a revoked role stops working at once', async () => {
    const solo = await TestApp.start();
    try {
      const only = await solo.signIn(Role.FEDERATION_ADMIN);
      const revoke = await solo.gql(REVOKE, { input: { userId: only.userId, role: 'FEDERATION_ADMIN' } }, { token: only.token });
      expect(revoke.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'LAST_FEDERATION_ADMIN' });
      const self = await solo.gql(DEACTIVATE, { userId: only.userId }, { token: only.token });
      expect(self.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'CANNOT_DEACTIVATE_SELF' });
      const second = await solo.signIn(Role.FEDERATION_ADMIN);
      expect((await solo.gql(REVOKE, { input: { userId: only.userId, role: 'FEDERATION_ADMIN' } }, { token: second.token })).errors).toBeUndefined();
      const revokedAdmin = await solo.gql(DEACTIVATE, { userId: second.userId }, { token: only.token });
      expect(revokedAdmin.errors?.[0].extensions).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
    } finally {
      await solo.close();
    }
  });

  it('lists users by e-mail, filtered by role and branch, page by page', async () => {
    const auditor = await t.signIn(Role.AUDITOR);
    const all: string[] = [];
    let after: string | null = null;
    do {
      // Annotated: `after` is read from the result it is sent with, which TypeScript cannot infer by itself.
      const res: GqlResult<ResultOf<typeof USERS>> = await t.gql(USERS, { first: 2, after }, { token: auditor.token });
      expect(res.errors).toBeUndefined();
      const { users } = res.data!;
      all.push(...users.edges.map((e) => e.node.email));
      after = users.pageInfo.hasNextPage ? users.pageInfo.endCursor : null;
    } while (after);
    const emails = (await t.db.query(`SELECT email FROM users ORDER BY email`)).map((r: { email: string }) => r.email);
    expect(all).toEqual(emails);
    const osakaStaff = await t.gql(USERS, { branchId: osaka, first: 100 }, { token: auditor.token });
    const expected = (await t.db.query(`SELECT DISTINCT u.email FROM users u JOIN role_grants g ON g.user_id = u.id WHERE g.branch_id = $1 ORDER BY u.email`, [osaka])).map((r: { email: string }) => r.email);
    expect(osakaStaff.data!.users.edges.map((e) => e.node.email)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    const treasurersInTokyo = await t.gql(USERS, { role: 'BRANCH_TREASURER', branchId: tokyo }, { token: auditor.token });
    for (const { node } of treasurersInTokyo.data!.users.edges) expect(node.roles).toEqual(expect.arrayContaining([{ role: 'BRANCH_TREASURER', branchIds: expect.arrayContaining([tokyo]) }]));
  });

  it('is refused to a branch admin', async () => {
    const branchAdmin = await t.signIn(Role.BRANCH_ADMIN, { branchIds: [tokyo] });
    const res = await t.gql(CREATE, { input: valid() }, { token: branchAdmin.token });
    expect(res.errors?.[0].extensions).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
  });
});
