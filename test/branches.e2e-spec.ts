import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#auth';
import { createBranch } from '../libs/testing/src/factories/branch.factory.js';
import { gql, type ResultOf } from './support/gql.js';
import type { CreateBranchInput } from './support/schema-types.js';
import { TestApp, type GqlResult } from './support/test-app.js';

const CREATE = gql(`mutation CreateBranch($input: CreateBranchInput!) { createBranch(input: $input) { id code nameJa nameEn prefecture contactEmail contactPhone } }`);
const UPDATE = gql(`mutation UpdateBranch($id: ID!, $input: UpdateBranchInput!) { updateBranch(id: $id, input: $input) { id nameJa nameEn prefecture contactEmail } }`);
const LIST = gql(`query BranchPage($first: Int, $after: String) { branches(first: $first, after: $after) { edges { cursor node { code nameJa } } pageInfo { hasNextPage endCursor } } }`);
const BRANCH_AUDIT = gql(`query BranchAuditEvents($id: String) { auditEvents(entityId: $id) { edges { node { action entityType after } } } }`);
const BRANCH_CODE = gql(`query BranchCode($id: ID!) { branch(id: $id) { code } }`);
const BRANCH_NOPE = gql(`query BranchMalformedId { branch(id: "nope") { code } }`);
const BRANCH_MISSING = gql(`query BranchUnknownId { branch(id: "00000000-0000-4000-8000-000000000000") { code } }`);

describe('branches (支部)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = (await t.signIn(Role.FEDERATION_ADMIN)).token;
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('a federation admin creates a branch; its book is opened in the same transaction and the creation is audited', async () => {
    const res = await t.gql(CREATE, { input: { code: 'kyt', nameJa: '京都支部', nameEn: 'Kyoto', prefecture: '京都府', contactEmail: 'Kyoto@Example.JP', contactPhone: '075-123-4567' } }, { token: admin });
    expect(res.errors).toBeUndefined();
    const branch = res.data!.createBranch;
    expect(branch).toMatchObject({ code: 'KYT', nameJa: '京都支部', nameEn: 'Kyoto', prefecture: '京都府', contactEmail: 'kyoto@example.jp' });
    const books = await t.db.query(`SELECT kind, name_ja, name_en FROM books WHERE branch_id = $1`, [branch.id]);
    expect(books).toEqual([{ kind: 'BRANCH', name_ja: '京都支部', name_en: 'Kyoto' }]);
    const audit = await t.gql(BRANCH_AUDIT, { id: branch.id }, { token: admin });
    expect(audit.data!.auditEvents.edges.map((e) => e.node.action)).toEqual(['branch.create']);
  });

  it('edits a branch and audits the before and after', async () => {
    const b = await createBranch(t.app, { code: 'EDT' });
    const res = await t.gql(UPDATE, { id: b.id, input: { nameEn: 'Edited', prefecture: '大阪府' } }, { token: admin });
    expect(res.data!.updateBranch).toMatchObject({ nameEn: 'Edited', prefecture: '大阪府', nameJa: b.nameJa });
    const [event] = await t.db.query(`SELECT before, after FROM audit_events WHERE entity_id = $1 AND action = 'branch.update'`, [b.id]);
    expect(event.before).toEqual({ nameEn: b.nameEn, prefecture: '東京都' });
    expect(event.after).toEqual({ nameEn: 'Edited', prefecture: '大阪府' });
  });

  it('refuses a duplicate code, an unknown prefecture, a bad code and a bad e-mail with field errors, writing nothing', async () => {
    await createBranch(t.app, { code: 'DUP' });
    const before = await t.db.query(`SELECT count(*)::int AS n FROM branches`);
    const cases: [Partial<CreateBranchInput>, string][] = [
      [{ code: 'DUP' }, 'input.code'],
      [{ code: 'NEW1', prefecture: '東京' }, 'input.prefecture'],
      [{ code: 'a b' }, 'input.code'],
      [{ code: 'NEW2', contactEmail: 'not-an-email' }, 'input.contactEmail'],
      [{ code: 'NEW3', nameJa: 'あ'.repeat(101) }, 'input.nameJa'],
    ];
    for (const [override, field] of cases) {
      const res = await t.gql(CREATE, { input: { code: 'X', nameJa: '新支部', nameEn: 'New', prefecture: '東京都', ...override } }, { token: admin });
      expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].extensions.fields?.map((f) => f.field)).toContain(field);
    }
    expect(await t.db.query(`SELECT count(*)::int AS n FROM branches`)).toEqual(before);
  });

  it('only federation admins create or edit branches', async () => {
    const b = await createBranch(t.app);
    const branchAdmin = await t.signIn(Role.BRANCH_ADMIN, { branchIds: [b.id] });
    const res = await t.gql(CREATE, { input: { code: 'NOPE', nameJa: '支部', nameEn: 'No', prefecture: '東京都' } }, { token: branchAdmin.token });
    expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const upd = await t.gql(UPDATE, { id: b.id, input: { nameEn: 'x' } }, { token: branchAdmin.token });
    expect(upd.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('lists branches by code in keyset pages that neither overlap nor skip; any signed-in user may read them', async () => {
    const member = await t.signIn(Role.AUDITOR);
    const all = await t.db.query(`SELECT code FROM branches ORDER BY code`);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res: GqlResult<ResultOf<typeof LIST>> = await t.gql(LIST, { first: 2, after }, { token: member.token });
      const page = res.data!.branches;
      seen.push(...page.edges.map((e) => e.node.code));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all.map((r: { code: string }) => r.code));
    const one = await t.gql(BRANCH_CODE, { id: (await createBranch(t.app, { code: 'ONE' })).id }, { token: member.token });
    expect(one.data!.branch.code).toBe('ONE');
  });

  it('answers BAD_USER_INPUT for a malformed id and NOT_FOUND for an unknown one', async () => {
    const bad = await t.gql(BRANCH_NOPE, {}, { token: admin });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'id' }] });
    const missing = await t.gql(BRANCH_MISSING, {}, { token: admin });
    expect(missing.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });
});
