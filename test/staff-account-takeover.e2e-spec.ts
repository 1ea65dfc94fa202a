import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Role, SYSTEM_ACTOR, UserAccounts } from '#auth';
import type { Branch } from '#federation';
import { startSmtpCapture, type CapturedEmail, type SmtpCapture } from '#testing';
import { createBranch } from '../libs/testing/src/factories/branch.factory.js';
import { gql } from './support/gql.js';
import { runCli } from './support/run-cli.js';
import { TestApp } from './support/test-app.js';

const SIGN_IN = gql(`mutation StaffAccountTakeoverSignIn($input: SignInInput!) { signIn(input: $input) { token user { id } } }`);
const REQUEST_LINK = gql(`mutation StaffAccountTakeoverRequestLink($input: RequestSignInLinkInput!) { requestSignInLink(input: $input) }`);
const LINK_SIGN_IN = gql(`mutation StaffAccountTakeoverLinkSignIn($input: SignInWithLinkInput!) { signInWithLink(input: $input) { token user { id } } }`);
const ME = gql(`query StaffAccountTakeoverMe { me { id email memberId roles { role } } }`);
const USERS = gql(`query StaffAccountTakeoverUsers { users(first: 5) { edges { node { id } } } }`);
const CREATE_PERSON = gql(`mutation StaffAccountTakeoverCreatePerson($input: CreateIndividualMemberInput!) { createIndividualMember(input: $input) { id email } }`);
const UPDATE_PERSON = gql(`mutation StaffAccountTakeoverUpdatePerson($id: ID!, $input: UpdateIndividualMemberInput!) { updateIndividualMember(id: $id, input: $input) { id email } }`);
const CREATE_ORG = gql(`mutation StaffAccountTakeoverCreateOrg($input: CreateOrganizationMemberInput!) { createOrganizationMember(input: $input) { id organization { contacts { id email } } } }`);
const ADD_CONTACT = gql(`mutation StaffAccountTakeoverAddContact($memberId: ID!, $input: ContactInput!) { addContact(memberId: $memberId, input: $input) { id organization { contacts { id email isPrimary } } } }`);
const SET_PRIMARY = gql(`mutation StaffAccountTakeoverSetPrimary($id: ID!) { setPrimaryContact(contactId: $id) { id } }`);
const MEMBERS_BY_EMAIL = gql(`query StaffAccountTakeoverMembersByEmail($email: String!) { members(filter: { email: $email }) { edges { node { id email } } } }`);
const CONFIRM = gql(`mutation StaffAccountTakeoverConfirm($id: ID!) { confirmMyMemberRecord(memberId: $id) { id memberNumber } }`);
const MY_MEMBER = gql(`query StaffAccountTakeoverMyMember { myMember { id email } }`);
const AUDIT = gql(`query StaffAccountTakeoverAudit { auditEvents(first: 50) { edges { node { action actorUserId actorName actorEmail } } } }`);

const PUBLIC_URL = 'https://portal.rentai.example.jp';
const PASSWORD = 'the admin’s own long password';
const STAFF_ROLES = ['FEDERATION_ADMIN', 'BRANCH_ADMIN', 'BRANCH_TREASURER', 'GRANT_OFFICER', 'GRANT_APPROVER', 'AUDITOR'];
const HEADER = '会員番号,姓,名,セイ,メイ,メールアドレス,電話番号,郵便番号,住所,支部コード,入会日,状態';

jest.setTimeout(90_000);

/**
 * The attack from the security review: a branch writer registers a member with a federation
 * admin's address (seen in auditEvents.actorEmail), which used to link the admin's user to the
 * member; editing the member's address then renamed the admin's login to one the attacker reads,
 * and an anonymous sign-in link opened a session with every grant of the admin. Each route ends
 * the same way now: the admin's user is untouched, signs in with their password as before, and
 * whatever the attacker's address signs in holds MEMBER only.
 */
describe('a branch writer cannot take over a staff account through a member record', () => {
  let t: TestApp;
  let smtp: SmtpCapture;
  let branch: Branch;
  let branchAdmin: string;
  let branchAdminId: string;
  let dir: string;
  let ip = 0;
  const seen = new Set<CapturedEmail>();
  let admin = { id: '', email: '' };
  let victims = 0;

  /** A federation admin with a password, whose address the attacker has read in the audit trail. */
  const newAdmin = async () => {
    const email = `federation.admin${++victims}@rentai.example.jp`;
    const user = await t.app.get(UserAccounts).createStaffUser({ email, displayName: '連合会 管理者', password: PASSWORD, grants: [{ role: Role.FEDERATION_ADMIN }] }, SYSTEM_ACTOR);
    admin = { id: user.id, email };
  };
  const adminRow = async () =>
    (await t.db.query(`SELECT u.email, u.member_id, array_agg(g.role ORDER BY g.role) AS roles FROM users u JOIN role_grants g ON g.user_id = u.id WHERE u.id = $1 GROUP BY u.id`, [admin.id]))[0];
  const person = (email: string, family = '攻撃') => ({ familyName: family, givenName: '太郎', familyNameKana: 'コウゲキ', givenNameKana: 'タロウ', email, branchId: branch.id });

  /** What the attacker's address signs in as, by an anonymous sign-in link: null when it signs in nobody. */
  const linkSessionOf = async (address: string): Promise<string | null> => {
    const [user] = await t.db.query(`SELECT id FROM users WHERE email = $1`, [address]);
    expect((await t.gql(REQUEST_LINK, { input: { email: address } }, { ip: `192.0.2.${++ip}` })).data).toEqual({ requestSignInLink: true });
    if (!user) return null;
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(address) && !seen.has(m));
    seen.add(mail);
    const token = new RegExp(`${PUBLIC_URL}/sign-in\\?token=([\\w-]+)`).exec(mail.text)![1];
    const res = await t.gql(LINK_SIGN_IN, { input: { token } });
    expect(res.errors).toBeUndefined();
    return res.data!.signInWithLink.token;
  };

  /** The end of every route: the admin is who they were, and the attacker's address holds no staff authority. */
  const expectNoTakeover = (attackerAddress: string) => expectNoTakeoverOf(null, attackerAddress);
  const expectNoTakeoverOf = async (memberId: string | null, attackerAddress: string) => {
    expect(await adminRow()).toEqual({ email: admin.email, member_id: memberId, roles: memberId ? ['FEDERATION_ADMIN', 'MEMBER'] : ['FEDERATION_ADMIN'] });
    const session = await linkSessionOf(attackerAddress);
    if (session) {
      const me = await t.gql(ME, {}, { token: session });
      expect(me.data!.me.id).not.toBe(admin.id);
      expect(me.data!.me.roles.map((r) => r.role).filter((r) => STAFF_ROLES.includes(r))).toEqual([]);
      expect((await t.gql(USERS, {}, { token: session })).errors?.[0].extensions.code).toBe('FORBIDDEN');
    }
    const own = await t.gql(SIGN_IN, { input: { email: admin.email, password: PASSWORD } }, { ip: `192.0.2.${++ip}` });
    expect(own.errors).toBeUndefined();
    expect(own.data!.signIn.user.id).toBe(admin.id);
  };

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    t = await TestApp.start({ worker: true, env: { SMTP_URL: smtp.url, PUBLIC_URL, MAIL_FROM: 'no-reply@rentai.example.jp' } });
    dir = mkdtempSync(join(tmpdir(), 'rentai-takeover-'));
    branch = await createBranch(t.app, { code: 'ATK' });
    ({ token: branchAdmin, userId: branchAdminId } = await t.signIn(Role.BRANCH_ADMIN, { branchIds: [branch.id] }));
  }, 120_000);
  beforeEach(newAdmin);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.close();
    await smtp?.close();
  });

  it('the admin’s address is not shown to a branch admin in the audit trail (names only)', async () => {
    // Something the admin did in the branch: registering a member there.
    const adminToken = (await t.gql(SIGN_IN, { input: { email: admin.email, password: PASSWORD } }, { ip: `192.0.2.${++ip}` })).data!.signIn.token;
    expect((await t.gql(CREATE_PERSON, { input: person('audited@example.jp', '監査') }, { token: adminToken })).errors).toBeUndefined();
    const seenByBranch = await t.gql(AUDIT, {}, { token: branchAdmin });
    expect(seenByBranch.errors).toBeUndefined();
    const events = seenByBranch.data!.auditEvents.edges.map((e) => e.node);
    expect(events.filter((e) => e.actorUserId === admin.id).map((e) => e.actorName)).toContain('連合会 管理者');
    // Other people's addresses are hidden; the branch admin's own stay visible to them.
    for (const e of events) expect(e.actorEmail).toBe(e.actorUserId === branchAdminId ? expect.any(String) : null);
    const seenByAdmin = await t.gql(AUDIT, {}, { token: adminToken });
    expect(seenByAdmin.data!.auditEvents.edges.some((e) => e.node.actorEmail === admin.email)).toBe(true);
  });

  it('route 1: createIndividualMember with the admin’s address, then updateIndividualMember to the attacker’s', async () => {
    const attacker = 'route1@attacker.example';
    const created = await t.gql(CREATE_PERSON, { input: person(admin.email) }, { token: branchAdmin });
    expect(created.errors).toBeUndefined();
    await t.gql(UPDATE_PERSON, { id: created.data!.createIndividualMember.id, input: { email: attacker } }, { token: branchAdmin });
    await expectNoTakeover(attacker);
  });

  it('route 2: an organization’s contacts (addContact with the admin’s address, then a new primary contact)', async () => {
    const attacker = 'route2@attacker.example';
    const org = await t.gql(
      CREATE_ORG,
      { input: { name: '攻撃企業組合', nameKana: 'コウゲキキギョウクミアイ', representativeName: '攻撃 一郎', sizeTier: 'SMALL', branchId: branch.id, contacts: [] } },
      { token: branchAdmin },
    );
    expect(org.errors).toBeUndefined();
    const orgId = org.data!.createOrganizationMember.id;
    await t.gql(ADD_CONTACT, { memberId: orgId, input: { name: '管理 花子', nameKana: 'カンリハナコ', email: admin.email } }, { token: branchAdmin });
    const added = await t.gql(ADD_CONTACT, { memberId: orgId, input: { name: '攻撃 次郎', nameKana: 'コウゲキジロウ', email: attacker, isPrimary: true } }, { token: branchAdmin });
    const contacts = added.data?.addContact.organization?.contacts ?? [];
    // And back and forth with setPrimaryContact.
    for (const c of contacts) await t.gql(SET_PRIMARY, { id: c.id }, { token: branchAdmin });
    const attackerContact = contacts.find((c) => c.email === attacker);
    if (attackerContact) await t.gql(SET_PRIMARY, { id: attackerContact.id }, { token: branchAdmin });
    await expectNoTakeover(attacker);
  });

  it('route 3: the CSV import with the admin’s address, then a member edit: the row is refused', async () => {
    const attacker = 'route3@attacker.example';
    const file = join(dir, 'import.csv');
    writeFileSync(file, `${HEADER}\n,管理,花子,カンリ,ハナコ,${admin.email},,,,ATK,,\n,普通,会員,フツウ,カイイン,ordinary@example.jp,,,,ATK,,\n`, 'utf8');
    const run = await runCli(t.app, ['members:import', file, '--lang', 'en']);
    expect(run.stdout).toContain('1 imported');
    expect(run.stdout).toMatch(/row 2.*e-mail.*user account/i);
    const found = await t.gql(MEMBERS_BY_EMAIL, { email: admin.email }, { token: branchAdmin });
    for (const { node: m } of found.data?.members.edges ?? []) {
      if (m.email === admin.email) await t.gql(UPDATE_PERSON, { id: m.id, input: { email: attacker } }, { token: branchAdmin });
    }
    await expectNoTakeover(attacker);
  });

  it('a member edit or contact change to a staff address is refused with EMAIL_TAKEN on the field, and nothing changes', async () => {
    const created = await t.gql(CREATE_PERSON, { input: person('plain.member@example.jp', '普通') }, { token: branchAdmin });
    const id = created.data!.createIndividualMember.id;
    const before = await t.db.query(`SELECT m.email, u.email AS login FROM members m JOIN users u ON u.member_id = m.id WHERE m.id = $1`, [id]);
    const res = await t.gql(UPDATE_PERSON, { id, input: { email: admin.email } }, { token: branchAdmin });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'EMAIL_TAKEN', fields: [{ field: 'input.email' }] });
    expect(await t.db.query(`SELECT m.email, u.email AS login FROM members m JOIN users u ON u.member_id = m.id WHERE m.id = $1`, [id])).toEqual(before);
    expect(await adminRow()).toEqual({ email: admin.email, member_id: null, roles: ['FEDERATION_ADMIN'] });
  });

  it('a staff member who is also a member links the record by their own confirmation; a link session carries MEMBER only', async () => {
    const created = await t.gql(CREATE_PERSON, { input: person(admin.email, '兼務') }, { token: branchAdmin });
    expect(created.errors).toBeUndefined();
    const memberId = created.data!.createIndividualMember.id;
    expect(await adminRow()).toEqual({ email: admin.email, member_id: null, roles: ['FEDERATION_ADMIN'] });
    // The address's owner is asked, by e-mail to the address they already have; the mail signs nobody in.
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(admin.email) && m.subject === '【連帯】会員情報の紐付けの確認');
    seen.add(mail);
    expect(mail.text).toContain(`${PUBLIC_URL}/confirm-member?member=${memberId}`);
    expect(mail.text).not.toMatch(/token=/);

    // Nobody else can confirm it for them, the branch admin included.
    const byOther = await t.gql(CONFIRM, { id: memberId }, { token: branchAdmin });
    expect(byOther.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_YOUR_MEMBER_RECORD', fields: [{ field: 'memberId' }] });
    expect(await adminRow()).toEqual({ email: admin.email, member_id: null, roles: ['FEDERATION_ADMIN'] });

    const password = (await t.gql(SIGN_IN, { input: { email: admin.email, password: PASSWORD } }, { ip: `192.0.2.${++ip}` })).data!.signIn.token;
    const confirmed = await t.gql(CONFIRM, { id: memberId }, { token: password });
    expect(confirmed.errors).toBeUndefined();
    expect(await adminRow()).toEqual({ email: admin.email, member_id: memberId, roles: ['FEDERATION_ADMIN', 'MEMBER'] });
    expect((await t.gql(ME, {}, { token: password })).data!.me.roles.map((r) => r.role).sort()).toEqual(['FEDERATION_ADMIN', 'MEMBER']);

    // Signed in by an e-mailed link, the same user is a member and nothing more.
    const link = (await linkSessionOf(admin.email))!;
    expect((await t.gql(ME, {}, { token: link })).data!.me).toMatchObject({ id: admin.id, memberId, roles: [{ role: 'MEMBER' }] });
    expect((await t.gql(MY_MEMBER, {}, { token: link })).data!.myMember).toEqual({ id: memberId, email: admin.email });
    expect((await t.gql(USERS, {}, { token: link })).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(USERS, {}, { token: password })).errors).toBeUndefined();

    // And a member edit never renames the staff user: refused on the field, nothing changed.
    const before = await t.db.query(`SELECT email FROM members WHERE id = $1`, [memberId]);
    const edit = await t.gql(UPDATE_PERSON, { id: memberId, input: { email: 'route4@attacker.example' } }, { token: branchAdmin });
    expect(edit.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'STAFF_ACCOUNT', fields: [{ field: 'input.email' }] });
    expect(await t.db.query(`SELECT email FROM members WHERE id = $1`, [memberId])).toEqual(before);
    await expectNoTakeoverOf(memberId, 'route4@attacker.example');
  });
});
