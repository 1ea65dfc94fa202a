import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Role } from '#auth';
import { createBranch, createPerson, eventually, startSmtpCapture, type SmtpCapture } from '#testing';
import { gql } from './support/gql.js';
import { TestApp } from './support/test-app.js';

const REQUEST_LINK = gql(`mutation SignInLinkSecrecyRequestLink($input: RequestSignInLinkInput!) { requestSignInLink(input: $input) }`);
const LINK_SIGN_IN = gql(`mutation SignInLinkSecrecyLinkSignIn($input: SignInWithLinkInput!) { signInWithLink(input: $input) { token user { email } } }`);
const PUBLIC_URL = 'https://portal.rentai.example.jp';

jest.setTimeout(120_000);

/**
 * Nothing stored in the database can sign anyone in (DESIGN.md, Security): after a sign-in link
 * is requested and sent, the token that arrived by SMTP is nowhere in the database, and the link
 * from the e-mail still signs in.
 */
describe('a sign-in link is never stored', () => {
  let t: TestApp;
  let smtp: SmtpCapture;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    t = await TestApp.start({ worker: true, env: { SMTP_URL: smtp.url, PUBLIC_URL, MAIL_FROM: 'no-reply@rentai.example.jp' } });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  /** The whole database as pg_dump writes it (what a backup holds). */
  const dump = async () => (await promisify(execFile)('pg_dump', ['--data-only', t.database.url], { maxBuffer: 256 * 1024 * 1024 })).stdout;

  it('after the link is sent, no table holds its token (database dump, e-mail and login token rows); the link signs in', async () => {
    const { id: branchId } = await createBranch(t.app, { code: 'SEC' });
    const { id: memberId } = await createPerson(t.app, { branchId, email: 'secret@example.jp' });
    const { userId } = await t.signIn(Role.MEMBER, { memberId });
    expect((await t.gql(REQUEST_LINK, { input: { email: 'secret@example.jp' } }, { ip: '203.0.113.9' })).data).toEqual({ requestSignInLink: true });
    const mail = await smtp.waitFor((m) => m.envelope.to.includes('secret@example.jp'));
    const token = new RegExp(`${PUBLIC_URL}/sign-in\\?token=([\\w-]+)`).exec(mail.text)?.[1];
    expect(token).toMatch(/^[\w-]{43}$/);
    await eventually(async () => ((await t.db.query(`SELECT status FROM email_messages WHERE to_address = 'secret@example.jp'`))[0]?.status === 'SENT' ? true : null));

    const backup = await dump();
    expect(backup).toContain('secret@example.jp'); // the dump is of the right database
    expect(backup).not.toContain(token!);
    // Row by row, as text, every column of the e-mail and login token tables.
    const rows: { t: string }[] = await t.db.query(
      `SELECT row_to_json(e)::text AS t FROM email_messages e UNION ALL SELECT row_to_json(l)::text FROM login_tokens l`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.filter((r) => r.t.includes(token!))).toEqual([]);
    const [stored] = await t.db.query(`SELECT text_body, params FROM email_messages WHERE to_address = 'secret@example.jp'`);
    expect(stored.text_body).toContain(`${PUBLIC_URL}/sign-in?token=[redacted]`);
    expect(Object.keys(stored.params).sort()).toEqual(['displayName', 'expiresInMinutes', 'signInLink']);

    const signedIn = await t.gql(LINK_SIGN_IN, { input: { token: token! } });
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data!.signInWithLink.user).toEqual({ email: 'secret@example.jp' });
    expect((await t.db.query(`SELECT used_at IS NOT NULL AS used FROM login_tokens WHERE user_id = $1`, [userId]))[0]).toEqual({ used: true });
  });
});
