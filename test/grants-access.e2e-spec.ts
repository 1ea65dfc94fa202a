import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role, SessionTokenService } from '#auth';
import { createPerson, grantRole } from '#testing';
import { gql, type TypedDocument, type VariablesOf } from './support/gql.js';
import { TestApp, type SignedInUser } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { GQL, GrantsWorld, NOW, PAYEE, applicationInput, programInput } from './support/grants-world.js';

/** The program's public fields: what a member may read of it (the budget is for staff). */
const PUBLIC_PROGRAM = gql(`query GrantsAccessPublicProgram($id: ID!) { grantProgram(id: $id) { code nameJa categories } }`);

/** Who may do what with grants, role by role; members see only their own applications. */
describe('grants access by role', () => {
  let t: TestApp;
  let w: GrantsWorld;
  let program: { id: string; code: string };
  let mine: { id: string };
  let other: SignedInUser;
  let treasurer: SignedInUser;

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW });
    w = await GrantsWorld.create(t);
    program = await w.program();
    mine = await w.reviewed(program.id, { by: 'member', overrides: { costs: [{ category: 'TUITION', amount: 60_000 }] } });
    await w.ok(GQL.approve, { input: { id: mine.id, costs: [{ category: 'TUITION', amount: 60_000 }] } }, w.approver);
    await w.ok(GQL.setPayee, { input: { applicationId: mine.id, ...PAYEE } }, w.officer);
    const otherPerson = await createPerson(t.app, { branchId: w.branchId });
    other = await t.signIn(Role.MEMBER, { memberId: otherPerson.id });
    treasurer = await t.signIn(Role.BRANCH_TREASURER, { branchIds: [w.branchId] });
  });
  afterAll(() => checkThenClose(t, ledgerBalances));

  const codeOf = async <Result, Variables>(document: TypedDocument<Result, Variables>, variables: Variables, user: SignedInUser) => {
    const res = await t.gql(document, variables, { token: user.token });
    return res.errors ? `${res.errors[0].extensions.code}/${res.errors[0].extensions.reason}` : 'OK';
  };

  it('a member sees and moves only their own applications', async () => {
    expect(await codeOf(GQL.application, { id: mine.id }, w.member)).toBe('OK');
    expect(await codeOf(GQL.application, { id: mine.id }, other)).toBe('NOT_FOUND/GRANT_APPLICATION_NOT_FOUND');
    expect(await codeOf(GQL.cancel, { input: { id: mine.id, comment: 'x' } }, other)).toBe('NOT_FOUND/GRANT_APPLICATION_NOT_FOUND');
    const theirs = (await w.ok(GQL.create, { input: applicationInput(program.id) }, other)).createGrantApplication;
    const listed = (await w.ok(GQL.applications, { programId: program.id }, other)).grantApplications.edges.map((e) => e.node.id);
    expect(listed).toEqual([theirs.id]);
    expect(await codeOf(GQL.update, { input: { id: theirs.id, courseName: '別の講座' } }, w.member)).toBe('NOT_FOUND/GRANT_APPLICATION_NOT_FOUND');
    // A member cannot apply in someone else's name.
    expect(await codeOf(GQL.create, { input: applicationInput(program.id, { memberId: w.memberId }) }, other)).toBe('FORBIDDEN/GRANT_NOT_OWN_APPLICATION');
  });

  it('members, branch staff and the auditor decide nothing; only grant staff see bank details', async () => {
    const approve: VariablesOf<typeof GQL.approve> = { input: { id: mine.id, costs: [{ category: 'TUITION', amount: 1 }] } };
    for (const user of [w.member, w.auditor, w.admin, w.officer, treasurer]) expect(await codeOf(GQL.approve, approve, user)).toBe('FORBIDDEN/ROLE_NOT_ALLOWED');
    for (const user of [w.member, w.auditor, w.admin, treasurer]) expect(await codeOf(GQL.payee, { applicationId: mine.id }, user)).toBe('FORBIDDEN/ROLE_NOT_ALLOWED');
    expect((await w.ok(GQL.payee, { applicationId: mine.id }, w.approver)).grantPayee).toEqual({ bankCode: '0001', accountNumber: '0012345', holderName: 'ｶ)ｹｱｽｸ-ﾙﾄｳｷﾖｳ' });
    for (const user of [w.approver, w.auditor, w.member]) expect(await codeOf(GQL.setPayee, { input: { applicationId: mine.id, ...PAYEE } }, user)).toBe('FORBIDDEN/ROLE_NOT_ALLOWED');
    expect(await codeOf(GQL.startReview, { input: { id: mine.id } }, w.approver)).toBe('FORBIDDEN/ROLE_NOT_ALLOWED');
    expect(await codeOf(GQL.createProgram, { input: programInput() }, w.officer)).toBe('FORBIDDEN/ROLE_NOT_ALLOWED');
    expect(await codeOf(GQL.applications, {}, treasurer)).toBe('FORBIDDEN/ROLE_NOT_ALLOWED');
  });

  it('the auditor and federation admins read programs, applications and reports; names only for the auditor and grant staff', async () => {
    for (const user of [w.auditor, w.admin, w.officer, w.approver]) {
      expect(await codeOf(GQL.application, { id: mine.id }, user)).toBe('OK');
      expect(await codeOf(GQL.report, { programId: program.id }, user)).toBe('OK');
      expect(await codeOf(GQL.program, { id: program.id }, user)).toBe('OK');
    }
    expect(await codeOf(GQL.program, { id: program.id }, w.member)).toBe('FORBIDDEN/ROLE_NOT_ALLOWED'); // the budget field
    expect(await codeOf(PUBLIC_PROGRAM, { id: program.id }, w.member)).toBe('OK');
    expect((await w.ok(GQL.grantees, { programId: program.id }, w.auditor)).grantees[0].applicantNameKanji).toBe('佐藤 花子');
    expect((await w.ok(GQL.grantees, { programId: program.id }, w.admin)).grantees[0].applicantNameKanji).toBeNull();
  });

  it('the state table decides who moves what: an approver may not submit for an applicant, a member may not cancel once approved', async () => {
    const fresh = (await w.ok(GQL.create, { input: applicationInput(program.id, { email: 'table@example.jp' }) }, w.officer)).createGrantApplication;
    await t.db.query(`INSERT INTO role_grants (user_id, role) VALUES ($1, 'MEMBER')`, [w.approver2.userId]); // no service grants MEMBER: registration does, with a member
    expect(await codeOf(GQL.submit, { input: { id: fresh.id } }, w.approver2)).toBe('FORBIDDEN/GRANT_WRONG_ROLE');
    expect(await codeOf(GQL.cancel, { input: { id: mine.id, comment: 'やめます' } }, w.member)).toBe('FORBIDDEN/GRANT_WRONG_ROLE');
    expect(await codeOf(GQL.submit, { input: { id: mine.id } }, w.member)).toBe('CONFLICT/GRANT_WRONG_STATUS');
  });

  it('a member who is also an approver cannot approve their own application', async () => {
    await grantRole(t.app, other.userId, Role.GRANT_APPROVER);
    // Staff roles need a password session (a link session carries MEMBER only).
    const [{ session_version }] = await t.db.query(`SELECT session_version FROM users WHERE id = $1`, [other.userId]);
    const approver = { ...other, token: (await t.app.get(SessionTokenService).sign({ userId: other.userId, sessionVersion: session_version, via: 'password' })).token };
    const own = await w.reviewed(program.id, { by: 'officer', overrides: { memberId: (await t.db.query(`SELECT member_id FROM users WHERE id = $1`, [other.userId]))[0].member_id, costs: [{ category: 'TUITION', amount: 10_000 }] } });
    expect(await codeOf(GQL.approve, { input: { id: own.id, costs: [{ category: 'TUITION', amount: 10_000 }] } }, approver)).toBe('FORBIDDEN/GRANT_CONFLICT_OF_INTEREST');
  });
});
