import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Role, SIGN_IN_LIMITS, SYSTEM_ACTOR, UserAccounts } from '#auth';
import { gql } from './support/gql.js';
import { TestApp } from './support/test-app.js';

const SIGN_IN = gql(`mutation SignInThrottleSignIn($input: SignInInput!) { signIn(input: $input) { token } }`);
const SIGN_IN_AND_LINK = gql(`mutation SignInThrottleSignInAndLink($email: String!) { a: signIn(input: { email: $email, password: "x" }) { token } b: requestSignInLink(input: { email: $email }) }`);

jest.setTimeout(120_000);

/**
 * Password sign-in counts every attempt before argon2 runs, atomically, and throttles without
 * locking anyone out (SIGN_IN_LIMITS). The number of INVALID_CREDENTIALS answers is the number of
 * argon2 verifications that ran (TOO_MANY_REQUESTS is answered before any).
 */
describe('password sign-in rate limits', () => {
  let t: TestApp;
  let ipCounter = 0;
  const newIp = () => `198.18.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;
  const PASSWORD = 'the right password, long enough';

  const staff = async (email: string) => {
    await t.app.get(UserAccounts).createStaffUser({ email, displayName: '連合会 管理者', password: PASSWORD, grants: [{ role: Role.FEDERATION_ADMIN }] }, SYSTEM_ACTOR);
    return email;
  };
  const signIn = (email: string, password: string, ip: string) => t.gql(SIGN_IN, { input: { email, password } }, { ip });
  const reasons = (answers: { errors?: { extensions: { reason?: string } }[] }[]) => {
    const count = new Map<string, number>();
    for (const a of answers) count.set(a.errors?.[0].extensions.reason ?? 'SIGNED_IN', (count.get(a.errors?.[0].extensions.reason ?? 'SIGNED_IN') ?? 0) + 1);
    return Object.fromEntries(count);
  };

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('40 concurrent wrong passwords for one address from one IP run argon2 at most 10 times', async () => {
    const email = await staff('concurrent@example.jp');
    const ip = newIp();
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(email, `wrong password number ${i}`, ip)));
    expect(reasons(answers)).toEqual({ INVALID_CREDENTIALS: SIGN_IN_LIMITS.passwordAttemptsPerAddressAndIp.limit, TOO_MANY_SIGN_IN_ATTEMPTS: 30 });
  });

  it('a correct password gives its count back: the owner signing in many times from the office is never throttled', async () => {
    const email = await staff('often@example.jp');
    const ip = newIp();
    for (let i = 0; i < 12; i++) expect((await signIn(email, PASSWORD, ip)).data?.signIn.token).toEqual(expect.any(String));
  });

  it('guesses from many IPs hit the global per-address ceiling: new IPs are refused, the owner’s known IP still signs in', async () => {
    const email = await staff('widely-guessed@example.jp');
    const home = newIp();
    expect((await signIn(email, PASSWORD, home)).data?.signIn.token).toEqual(expect.any(String));
    const ceiling = SIGN_IN_LIMITS.passwordAttemptsPerAddressFromNewIps.limit;
    const guesses = [];
    for (let i = 0; i < ceiling; i++) guesses.push(await signIn(email, `guess ${i}`, newIp()));
    expect(reasons(guesses)).toEqual({ INVALID_CREDENTIALS: ceiling });
    // Over the ceiling: a new IP is refused before argon2, even with the right password …
    expect(reasons([await signIn(email, PASSWORD, newIp()), await signIn(email, 'one more guess', newIp())])).toEqual({ TOO_MANY_SIGN_IN_ATTEMPTS: 2 });
    // … and the owner, from where they signed in before, is not locked out.
    expect((await signIn(email, PASSWORD, home)).data?.signIn.token).toEqual(expect.any(String));
  });

  it('refuses a request that carries more than one sign-in (aliases), running none of them', async () => {
    const email = await staff('aliased@example.jp');
    const fields = Array.from({ length: 5 }, (_, i) => `a${i}: signIn(input: { email: "${email}", password: "guess ${i}" }) { token }`).join('\n');
    // Untyped: five aliased sign-ins, built at run time.
    const res = await t.gql<unknown>(`mutation { ${fields} }`, {}, { ip: newIp() });
    expect(res.data).toBeNull();
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ONE_SIGN_IN_PER_REQUEST' });
    const mixed = await t.gql(SIGN_IN_AND_LINK, { email }, { ip: newIp() });
    expect(mixed.errors?.[0].extensions.reason).toBe('ONE_SIGN_IN_PER_REQUEST');
    // None of them counted: ten more single attempts from one IP still reach argon2.
    const ip = newIp();
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await signIn(email, `guess ${i}`, ip));
    expect(reasons(answers)).toEqual({ INVALID_CREDENTIALS: 10 });
  });
});
