import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Role, SYSTEM_ACTOR, UserAccounts } from '#auth';
import { EmailSendProcessor, messageKey } from '#notifications';
import { createBranch, createPerson, eventually, startSmtpCapture, type CapturedEmail, type SmtpCapture } from '#testing';
import { gql } from './support/gql.js';
import { TestApp } from './support/test-app.js';

const SIGN_IN = gql(`mutation AuthSignIn($input: SignInInput!) { signIn(input: $input) { token expiresAt user { id email } } }`);
const ME = gql(`query AuthMe { me { id email displayName locale memberId roles { role branchIds } } }`);
const REQUEST_LINK = gql(`mutation AuthRequestLink($input: RequestSignInLinkInput!) { requestSignInLink(input: $input) }`);
const LINK_SIGN_IN = gql(`mutation AuthLinkSignIn($input: SignInWithLinkInput!) { signInWithLink(input: $input) { token user { email roles { role } } } }`);
const SIGN_OUT_EVERYWHERE = gql(`mutation AuthSignOutEverywhere { signOutEverywhere }`);

jest.setTimeout(60_000);

const PUBLIC_URL = 'https://portal.rentai.example.jp';
const START = new Date('2026-06-01T00:00:00Z');

describe('signing in', () => {
  let t: TestApp;
  let smtp: SmtpCapture;
  let branchId: string;
  let ipCounter = 0;
  /** A fresh client address, so each test has its own per-IP limit. */
  const newIp = () => `198.51.100.${++ipCounter}`;

  const staff = async (email: string, password = 'correct horse battery staple') => {
    await t.app.get(UserAccounts).createStaffUser(
      { email, displayName: '会計 花子', password, grants: [{ role: Role.BRANCH_TREASURER, branchId }] },
      SYSTEM_ACTOR,
    );
    return { email, password };
  };
  /** A member registered with this address: registration opens their account (by link, no password), named 山田 太郎. */
  const member = async (email: string) => {
    const { id: memberId } = await createPerson(t.app, { branchId, email, familyName: '山田', givenName: '太郎', familyNameKana: 'ヤマダ', givenNameKana: 'タロウ' });
    return (await t.signIn(Role.MEMBER, { memberId })).userId;
  };
  const signIn = (email: string, password: string, ip: string) => t.gql(SIGN_IN, { input: { email, password } }, { ip });
  const linkToken = (mail: CapturedEmail) => {
    const match = new RegExp(`${PUBLIC_URL}/sign-in\\?token=([\\w-]+)`).exec(mail.text);
    expect(match).not.toBeNull();
    return match![1];
  };
  const requestLink = async (email: string, locale?: 'ja' | 'en') => {
    const res = await t.gql(REQUEST_LINK, { input: { email, locale } }, { ip: newIp() });
    expect(res.data).toEqual({ requestSignInLink: true });
    return smtp.waitFor((m) => m.envelope.to.includes(email) && !seen.has(m));
  };
  const seen = new Set<CapturedEmail>();

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    t = await TestApp.start({ worker: true, now: START, env: { SMTP_URL: smtp.url, PUBLIC_URL, MAIL_FROM: 'no-reply@rentai.example.jp' } });
    ({ id: branchId } = await createBranch(t.app, { code: 'OSK', nameJa: '大阪支部', nameEn: 'Osaka', prefecture: '大阪府' }));
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  describe('staff, with e-mail and password', () => {
    it('signs in and `me` answers who they are, with roles and branches', async () => {
      const { email, password } = await staff('Hanako.Treasurer@Example.JP');
      const res = await signIn(email, password, newIp());
      expect(res.errors).toBeUndefined();
      expect(res.data!.signIn.user.email).toBe('hanako.treasurer@example.jp');
      expect(new Date(res.data!.signIn.expiresAt).getTime()).toBeGreaterThan(START.getTime());
      const me = await t.gql(ME, {}, { token: res.data!.signIn.token });
      expect(me.data!.me).toEqual({
        id: res.data!.signIn.user.id,
        email: 'hanako.treasurer@example.jp',
        displayName: '会計 花子',
        locale: 'ja',
        memberId: null,
        roles: [{ role: 'BRANCH_TREASURER', branchIds: [branchId] }],
      });
    });

    it('gives the same answer for a wrong password, an unknown e-mail and a member without a password', async () => {
      const { email } = await staff('same-answer@example.jp');
      await member('member-no-password@example.jp');
      const answers = await Promise.all([
        signIn(email, 'wrong password, long', newIp()),
        signIn('nobody@example.jp', 'wrong password, long', newIp()),
        signIn('member-no-password@example.jp', 'wrong password, long', newIp()),
      ]);
      for (const res of answers) {
        expect(res.data).toBeNull();
        expect(res.errors).toHaveLength(1);
      }
      const [first, ...others] = answers.map((r) => ({ message: r.errors![0].message, extensions: r.errors![0].extensions }));
      expect(first.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS' });
      for (const other of others) expect(other).toEqual(first);
    });

    it('refuses a deactivated user with the same answer', async () => {
      const { email, password } = await staff('gone@example.jp');
      await t.db.query(`UPDATE users SET active = false WHERE email = $1`, [email]);
      const res = await signIn(email, password, newIp());
      expect(res.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS' });
    });

    it('throttles an address from one IP after 10 attempts, even with the right password; the owner elsewhere and other addresses still sign in', async () => {
      const target = await staff('targeted@example.jp');
      const bystander = await staff('bystander@example.jp');
      const attacker = newIp();
      for (let i = 0; i < 10; i++) {
        expect((await signIn(target.email, `wrong password ${i}`, attacker)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      }
      const blocked = await signIn(target.email, target.password, attacker);
      expect(blocked.errors?.[0].extensions).toEqual({ code: 'TOO_MANY_REQUESTS', reason: 'TOO_MANY_SIGN_IN_ATTEMPTS' });
      expect((await signIn(bystander.email, bystander.password, attacker)).data?.signIn.token).toEqual(expect.any(String));
      // No lockout: a stranger's guesses do not stop the owner signing in from their own address.
      expect((await signIn(target.email, target.password, newIp())).data?.signIn.token).toEqual(expect.any(String));
    });

    it('stops an IP address after 30 failed attempts across addresses; other IPs still work', async () => {
      const victim = await staff('office-user@example.jp');
      const attacker = newIp();
      for (let i = 0; i < 30; i++) {
        expect((await signIn(`guess-${i}@example.jp`, 'wrong password, long', attacker)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      }
      expect((await signIn(victim.email, victim.password, attacker)).errors?.[0].extensions.code).toBe('TOO_MANY_REQUESTS');
      expect((await signIn(victim.email, victim.password, newIp())).data?.signIn.token).toEqual(expect.any(String));
    });

    it('signOutEverywhere ends every open session; signing in again works', async () => {
      const { email, password } = await staff('laptop-and-phone@example.jp');
      const laptop = (await signIn(email, password, newIp())).data!.signIn.token;
      const phone = (await signIn(email, password, newIp())).data!.signIn.token;
      expect((await t.gql(SIGN_OUT_EVERYWHERE, {}, { token: phone })).data).toEqual({ signOutEverywhere: true });
      for (const token of [laptop, phone]) {
        expect((await t.gql(ME, {}, { token })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      }
      const again = (await signIn(email, password, newIp())).data!.signIn.token;
      expect((await t.gql(ME, {}, { token: again })).data!.me.email).toBe(email);
      const events = await t.db.query(`SELECT action FROM audit_events WHERE entity_id = (SELECT id::text FROM users WHERE email = $1)`, [email]);
      expect(events.map((e: { action: string }) => e.action)).toContain('user.sign_out_everywhere');
    });
  });

  describe('members, with a link sent by e-mail', () => {
    it('sends the link in Japanese by SMTP; it signs in once and fails the second time', async () => {
      await member('yamada@example.jp');
      const mail = await requestLink('yamada@example.jp');
      seen.add(mail);
      expect(mail.subject).toBe('【連帯】会員ポータルへのサインインリンク');
      expect(mail.text).toContain('山田 太郎 様');
      expect(mail.text).toContain('15分以内');
      expect(mail.from).toContain('no-reply@rentai.example.jp');
      const token = linkToken(mail);
      const first = await t.gql(LINK_SIGN_IN, { input: { token } });
      expect(first.errors).toBeUndefined();
      expect(first.data!.signInWithLink.user).toEqual({ email: 'yamada@example.jp', roles: [{ role: 'MEMBER' }] });
      expect((await t.gql(ME, {}, { token: first.data!.signInWithLink.token })).data!.me.email).toBe('yamada@example.jp');
      const second = await t.gql(LINK_SIGN_IN, { input: { token } });
      expect(second.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'SIGN_IN_LINK_INVALID' });
      const [stored] = await t.db.query(`SELECT token_hash FROM login_tokens ORDER BY created_at DESC LIMIT 1`);
      expect(stored.token_hash).not.toContain(token);
    });

    it('sends the link in English when asked for en', async () => {
      await member('smith@example.jp');
      const mail = await requestLink('smith@example.jp', 'en');
      seen.add(mail);
      expect(mail.subject).toBe('[Rentai] Your sign-in link for the member portal');
      expect(mail.text).toContain('within 15 minutes');
      expect(mail.text).not.toMatch(/[ぁ-んァ-ン]/);
    });

    it('a link works until 15 minutes have passed, and not after', async () => {
      await member('late@example.jp');
      const early = linkToken(await requestLink('late@example.jp').then((m) => (seen.add(m), m)));
      const late = linkToken(await requestLink('late@example.jp').then((m) => (seen.add(m), m)));
      t.clock!.advance(15 * 60_000 - 1000);
      expect((await t.gql(LINK_SIGN_IN, { input: { token: early } })).data?.signInWithLink.token).toEqual(expect.any(String));
      t.clock!.advance(2000);
      const expired = await t.gql(LINK_SIGN_IN, { input: { token: late } });
      expect(expired.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'SIGN_IN_LINK_INVALID' });
    });

    it('answers true for unknown addresses and staff, and sends them nothing', async () => {
      await staff('staff-not-member@example.jp');
      for (const email of ['unknown@example.jp', 'staff-not-member@example.jp']) {
        expect((await t.gql(REQUEST_LINK, { input: { email } }, { ip: newIp() })).data).toEqual({ requestSignInLink: true });
      }
      const rows = await t.db.query(`SELECT to_address FROM email_messages WHERE to_address IN ('unknown@example.jp', 'staff-not-member@example.jp')`);
      expect(rows).toEqual([]);
      expect(await t.db.query(`SELECT id FROM login_tokens WHERE user_id = (SELECT id FROM users WHERE email = 'staff-not-member@example.jp')`)).toEqual([]);
    });

    it('refuses a made-up token', async () => {
      const res = await t.gql(LINK_SIGN_IN, { input: { token: 'not-a-real-token' } });
      expect(res.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'SIGN_IN_LINK_INVALID' });
    });

    it('limits link requests per address', async () => {
      await member('flooded@example.jp');
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(await t.gql(REQUEST_LINK, { input: { email: 'flooded@example.jp' } }, { ip: newIp() }));
      expect(answers.slice(0, 5).every((a) => a.data?.requestSignInLink === true)).toBe(true);
      expect(answers[5].errors?.[0].extensions.code).toBe('TOO_MANY_REQUESTS');
    });

    it('a retried email.send job for a message already SENT sends nothing twice', async () => {
      await member('once@example.jp');
      const mail = await requestLink('once@example.jp');
      seen.add(mail);
      // The message reaches the SMTP server a moment before the worker marks it SENT.
      const row = await eventually(async () => {
        const [r] = await t.db.query(`SELECT id, status, idempotency_key FROM email_messages WHERE to_address = 'once@example.jp'`);
        return r.status === 'SENT' ? r : null;
      });
      expect(mail.messageId).toBe(`<${messageKey(row.idempotency_key)}@rentai.example.jp>`);
      await expect(t.worker!.get(EmailSendProcessor).send({ emailId: row.id }, { attemptsMade: 1, opts: { attempts: 8 } })).resolves.toBe('skipped');
      expect(smtp.messages.filter((m) => m.envelope.to.includes('once@example.jp'))).toHaveLength(1);
      const [after] = await t.db.query(`SELECT status, attempts FROM email_messages WHERE id = $1`, [row.id]);
      expect(after).toEqual({ status: 'SENT', attempts: 1 });
    });
  });
});
