import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Role, SYSTEM_ACTOR, UserAccounts } from '#auth';
import { TestApp } from './support/test-app.js';

const SIGN_IN = `mutation ($input: SignInInput!) { signIn(input: $input) { token } }`;

jest.setTimeout(120_000);

/**
 * Which address the per-IP limits count (TRUST_PROXY, README): seen through the password throttle,
 * 10 attempts per address and client IP. supertest connects from loopback.
 */
describe('the client IP the rate limits use follows TRUST_PROXY', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const attempt = (email: string, xff: string) =>
    t!.http
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('x-forwarded-for', xff)
      .send({ query: SIGN_IN, variables: { input: { email, password: 'a wrong password' } } })
      .then((res) => res.body.errors?.[0].extensions.reason as string);
  const start = async (trustProxy: string) => {
    t = await TestApp.start({ env: { TRUST_PROXY: trustProxy } });
    const email = 'throttled@example.jp';
    await t.app.get(UserAccounts).createStaffUser({ email, displayName: '職員', password: 'the right password, long', grants: [{ role: Role.AUDITOR }] }, SYSTEM_ACTOR);
    return email;
  };

  it('TRUST_PROXY=false: X-Forwarded-For is ignored, every caller is the socket’s address', async () => {
    const email = await start('false');
    for (let i = 0; i < 10; i++) expect(await attempt(email, `203.0.113.${i}`)).toBe('INVALID_CREDENTIALS');
    // A "new" client by its header only: the same socket, so the same counter.
    expect(await attempt(email, '198.51.100.77')).toBe('TOO_MANY_SIGN_IN_ATTEMPTS');
  });

  it('TRUST_PROXY=loopback: the right-most hop the trusted proxy reports, not a forged left-most value', async () => {
    const email = await start('loopback');
    for (let i = 0; i < 10; i++) expect(await attempt(email, `10.9.9.${i}, 203.0.113.50`)).toBe('INVALID_CREDENTIALS');
    // Changing the forged part changes nothing: the proxy saw 203.0.113.50.
    expect(await attempt(email, '10.8.8.8, 203.0.113.50')).toBe('TOO_MANY_SIGN_IN_ATTEMPTS');
    // A caller the proxy saw at another address has their own counter, whatever they wrote on the left.
    expect(await attempt(email, '203.0.113.50, 203.0.113.51')).toBe('INVALID_CREDENTIALS');
  });

  it('TRUST_PROXY=1 (one proxy hop): the same, by count', async () => {
    const email = await start('1');
    for (let i = 0; i < 10; i++) expect(await attempt(email, `10.9.9.${i}, 203.0.113.60`)).toBe('INVALID_CREDENTIALS');
    expect(await attempt(email, '203.0.113.60')).toBe('TOO_MANY_SIGN_IN_ATTEMPTS');
    expect(await attempt(email, '203.0.113.60, 203.0.113.61')).toBe('INVALID_CREDENTIALS');
  });
});
