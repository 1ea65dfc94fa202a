import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Role, SYSTEM_ACTOR, UserAccounts } from '#auth';
import type { Branch } from '#federation';
import { startSmtpCapture, type CapturedEmail, type SmtpCapture } from '#testing';
import { createBranch } from '../libs/testing/src/factories/branch.factory.js';
import { gql } from './support/gql.js';
import { TestApp } from './support/test-app.js';

const CREATE_PERSON = gql(`mutation MemberSignInCreatePerson($input: CreateIndividualMemberInput!) { createIndividualMember(input: $input) { id memberNumber name email } }`);
const CREATE_ORG = gql(`mutation MemberSignInCreateOrg($input: CreateOrganizationMemberInput!) { createOrganizationMember(input: $input) { id memberNumber organization { contacts { id email isPrimary } } } }`);
const UPDATE_PERSON = gql(`mutation MemberSignInUpdatePerson($id: ID!, $input: UpdateIndividualMemberInput!) { updateIndividualMember(id: $id, input: $input) { id email } }`);
const SET_PRIMARY = gql(`mutation MemberSignInSetPrimary($id: ID!) { setPrimaryContact(contactId: $id) { id } }`);
const UPDATE_MINE = gql(`mutation MemberSignInUpdateMine($input: ContactDetailsInput!) { updateMyContactDetails(input: $input) { id email } }`);
const MY_MEMBER = gql(`query MemberSignInMyMember { myMember { id memberNumber name email branch { code } } }`);
const REQUEST_LINK = gql(`mutation MemberSignInRequestLink($input: RequestSignInLinkInput!) { requestSignInLink(input: $input) }`);
const LINK_SIGN_IN = gql(`mutation MemberSignInLinkSignIn($input: SignInWithLinkInput!) { signInWithLink(input: $input) { token user { email } } }`);

const PUBLIC_URL = 'https://portal.rentai.example.jp';

jest.setTimeout(60_000);

describe('members sign in with the account their registration opened', () => {
  let t: TestApp;
  let smtp: SmtpCapture;
  let branch: Branch;
  let treasurer: string;
  let ipCounter = 0;
  const newIp = () => `203.0.113.${++ipCounter}`;
  const used = new Set<CapturedEmail>();

  const person = (email: string, name: [string, string, string, string] = ['山田', '花子', 'ヤマダ', 'ハナコ']) => ({
    familyName: name[0],
    givenName: name[1],
    familyNameKana: name[2],
    givenNameKana: name[3],
    email,
    branchId: branch.id,
  });
  const requestLink = async (email: string) => {
    const res = await t.gql(REQUEST_LINK, { input: { email } }, { ip: newIp() });
    expect(res.data).toEqual({ requestSignInLink: true });
  };
  /** The next sign-in link e-mailed to `email` (one not read before). */
  const nextLink = async (email: string) => {
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(email) && !used.has(m));
    used.add(mail);
    const match = new RegExp(`${PUBLIC_URL}/sign-in\\?token=([\\w-]+)`).exec(mail.text);
    expect(match).not.toBeNull();
    return match![1];
  };
  const signInByLink = async (email: string) => {
    await requestLink(email);
    const res = await t.gql(LINK_SIGN_IN, { input: { token: await nextLink(email) } });
    expect(res.errors).toBeUndefined();
    return res.data!.signInWithLink.token;
  };
  const mailsTo = async (email: string) => (await t.db.query(`SELECT count(*)::int AS n FROM email_messages WHERE to_address = $1`, [email]))[0].n as number;
  const userOf = async (memberId: string) => (await t.db.query(`SELECT u.email, u.display_name, array_agg(g.role) AS roles FROM users u JOIN role_grants g ON g.user_id = u.id WHERE u.member_id = $1 GROUP BY u.id`, [memberId]))[0];

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    t = await TestApp.start({ worker: true, env: { SMTP_URL: smtp.url, PUBLIC_URL, MAIL_FROM: 'no-reply@rentai.example.jp' } });
    branch = await createBranch(t.app, { code: 'KNG' });
    treasurer = (await t.signIn(Role.BRANCH_TREASURER, { branchIds: [branch.id] })).token;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('staff registers a member, the member signs in by link, reads their record, changes their e-mail and signs in at the new address only', async () => {
    const created = await t.gql(CREATE_PERSON, { input: person('Hanako.Yamada@Example.JP') }, { token: treasurer });
    expect(created.errors).toBeUndefined();
    const me = created.data!.createIndividualMember;
    expect(await userOf(me.id)).toEqual({ email: 'hanako.yamada@example.jp', display_name: '山田 花子', roles: ['MEMBER'] });

    const token = await signInByLink('hanako.yamada@example.jp');
    const own = await t.gql(MY_MEMBER, {}, { token });
    expect(own.data!.myMember).toEqual({ id: me.id, memberNumber: me.memberNumber, name: '山田 花子', email: 'hanako.yamada@example.jp', branch: { code: 'KNG' } });

    // A link asked for before the change, still unused, went to the old address: it stops working.
    await requestLink('hanako.yamada@example.jp');
    const staleLink = await nextLink('hanako.yamada@example.jp');
    const changed = await t.gql(UPDATE_MINE, { input: { email: 'hanako.new@example.jp' } }, { token });
    expect(changed.data!.updateMyContactDetails).toEqual({ id: me.id, email: 'hanako.new@example.jp' });
    expect((await userOf(me.id)).email).toBe('hanako.new@example.jp');
    expect((await t.gql(LINK_SIGN_IN, { input: { token: staleLink } })).errors?.[0].extensions.reason).toBe('SIGN_IN_LINK_INVALID');

    const mailsToOldAddress = await mailsTo('hanako.yamada@example.jp');
    await requestLink('hanako.yamada@example.jp');
    const newToken = await signInByLink('hanako.new@example.jp');
    expect((await t.gql(MY_MEMBER, {}, { token: newToken })).data!.myMember.id).toBe(me.id);
    expect(await mailsTo('hanako.yamada@example.jp')).toBe(mailsToOldAddress);
    expect(smtp.messages.filter((m) => m.envelope.to.includes('hanako.yamada@example.jp'))).toHaveLength(mailsToOldAddress);

    const events = await t.db.query(
      `SELECT action, before, after FROM audit_events WHERE entity_type = 'User' AND entity_id = (SELECT id::text FROM users WHERE member_id = $1) ORDER BY id`,
      [me.id],
    );
    expect(events.map((e: { action: string }) => e.action)).toEqual(['user.create', 'user.change_email']);
    expect(events[1]).toMatchObject({ before: { email: 'hanako.yamada@example.jp' }, after: { email: 'hanako.new@example.jp' } });
  });

  it('a staff edit of the e-mail address or name moves the sign-in with it', async () => {
    const { id } = (await t.gql(CREATE_PERSON, { input: person('kenji@example.jp', ['佐藤', '健二', 'サトウ', 'ケンジ']) }, { token: treasurer })).data!.createIndividualMember;
    const res = await t.gql(UPDATE_PERSON, { id, input: { email: 'kenji.sato@example.jp', givenName: '賢治' } }, { token: treasurer });
    expect(res.errors).toBeUndefined();
    expect(await userOf(id)).toEqual({ email: 'kenji.sato@example.jp', display_name: '佐藤 賢治', roles: ['MEMBER'] });
    const token = await signInByLink('kenji.sato@example.jp');
    expect((await t.gql(MY_MEMBER, {}, { token })).data!.myMember.id).toBe(id);
  });

  it('an address that belongs to another user is refused on the e-mail field, and nothing changes', async () => {
    await t.app.get(UserAccounts).createStaffUser(
      { email: 'office@kng.example.jp', displayName: '事務局', password: 'long enough password', grants: [{ role: Role.AUDITOR }] },
      SYSTEM_ACTOR,
    );
    const { id } = (await t.gql(CREATE_PERSON, { input: person('jiro@example.jp', ['鈴木', '次郎', 'スズキ', 'ジロウ']) }, { token: treasurer })).data!.createIndividualMember;
    const self = await t.signIn(Role.MEMBER, { memberId: id });
    const snapshot = async () =>
      JSON.stringify(await t.db.query(`SELECT (SELECT json_agg(m ORDER BY m.id) FROM members m) AS m, (SELECT json_agg(u ORDER BY u.id) FROM users u) AS u, (SELECT count(*) FROM audit_events) AS a`));
    const before = await snapshot();
    for (const res of [
      await t.gql(UPDATE_PERSON, { id, input: { email: 'office@kng.example.jp' } }, { token: treasurer }),
      await t.gql(UPDATE_MINE, { input: { email: 'Office@KNG.example.jp' } }, { token: self.token }),
    ]) {
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.email' }] });
    }
    expect(await snapshot()).toBe(before);
  });

  it('an organization signs in with its primary contact’s address; a new primary contact takes it over', async () => {
    const created = await t.gql(
      CREATE_ORG,
      {
        input: {
          name: '企業組合かながわワーカーズ',
          nameKana: 'キギョウクミアイカナガワワーカーズ',
          representativeName: '代表 太郎',
          sizeTier: 'SMALL',
          email: 'office@kanagawa-workers.example.jp',
          branchId: branch.id,
          contacts: [
            { name: '経理 一子', nameKana: 'ケイリ カズコ', email: 'keiri@kanagawa-workers.example.jp' },
            { name: '事務 次郎', nameKana: 'ジム ジロウ', email: 'jimu@kanagawa-workers.example.jp', isPrimary: true },
          ],
        },
      },
      { token: treasurer },
    );
    expect(created.errors).toBeUndefined();
    const org = created.data!.createOrganizationMember;
    expect(await userOf(org.id)).toEqual({ email: 'jimu@kanagawa-workers.example.jp', display_name: '事務 次郎', roles: ['MEMBER'] });
    const token = await signInByLink('jimu@kanagawa-workers.example.jp');
    expect((await t.gql(MY_MEMBER, {}, { token })).data!.myMember.id).toBe(org.id);

    const keiri = org.organization!.contacts.find((c) => c.email.startsWith('keiri'))!;
    expect((await t.gql(SET_PRIMARY, { id: keiri.id }, { token: treasurer })).errors).toBeUndefined();
    expect((await userOf(org.id)).email).toBe('keiri@kanagawa-workers.example.jp');
    const next = await signInByLink('keiri@kanagawa-workers.example.jp');
    expect((await t.gql(MY_MEMBER, {}, { token: next })).data!.myMember.id).toBe(org.id);
    const before = await mailsTo('jimu@kanagawa-workers.example.jp');
    await requestLink('jimu@kanagawa-workers.example.jp');
    expect(await mailsTo('jimu@kanagawa-workers.example.jp')).toBe(before);
  });

  it('refuses to register an individual whose address already signs in another member, writing nothing', async () => {
    const members = async () => (await t.db.query(`SELECT count(*)::int AS n FROM members`))[0].n;
    const before = await members();
    const res = await t.gql(CREATE_PERSON, { input: person('keiri@kanagawa-workers.example.jp', ['経理', '一子', 'ケイリ', 'カズコ']) }, { token: treasurer });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'EMAIL_TAKEN', fields: [{ field: 'input.email' }] });
    expect(await members()).toBe(before);
  });
});
