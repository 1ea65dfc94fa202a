import { createSecretKey } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { AppConfig, FixedClock } from '#core';
import { SessionTokenService } from './session-token.service.js';

const config = AppConfig.fromEnv({ SESSION_SECRET: 'a-test-session-secret-of-enough-length!', SESSION_TTL_SECONDS: '3600' });

describe('session tokens', () => {
  it('verifies its own tokens, also from memory, and refuses them once expired', async () => {
    const clock = new FixedClock(new Date('2026-11-24T00:00:00Z'));
    const tokens = new SessionTokenService(config, clock);
    const { token } = await tokens.sign({ userId: 'u1', sessionVersion: 3, via: 'password' });
    expect(await tokens.verify(token)).toEqual({ userId: 'u1', sessionVersion: 3, via: 'password' });
    expect(await tokens.verify(token)).toEqual({ userId: 'u1', sessionVersion: 3, via: 'password' });
    clock.advance(3601 * 1000);
    expect(await tokens.verify(token)).toBeNull();
  });

  it('refuses a token signed with another secret or altered', async () => {
    const clock = new FixedClock(new Date('2026-11-24T00:00:00Z'));
    const ours = new SessionTokenService(config, clock);
    const theirs = new SessionTokenService(AppConfig.fromEnv({ SESSION_SECRET: 'another-secret-that-is-long-enough-too!' }), clock);
    const { token } = await theirs.sign({ userId: 'u1', sessionVersion: 1, via: 'password' });
    expect(await ours.verify(token)).toBeNull();
    const { token: good } = await ours.sign({ userId: 'u1', sessionVersion: 1, via: 'link' });
    const [h, , sig] = good.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ sub: 'admin', sv: 1, iss: 'rentai', exp: 2e9 })).toString('base64url')}.${sig}`;
    expect(await ours.verify(forged)).toBeNull();
  });

  it('says how the session was opened; a token without the claim counts as a link session (MEMBER authority)', async () => {
    const clock = new FixedClock(new Date('2026-11-24T00:00:00Z'));
    const tokens = new SessionTokenService(config, clock);
    const { token } = await tokens.sign({ userId: 'u1', sessionVersion: 1, via: 'link' });
    expect(await tokens.verify(token)).toEqual({ userId: 'u1', sessionVersion: 1, via: 'link' });
    const key = createSecretKey(Buffer.from(config.sessionSecret, 'utf8'));
    const old = await new SignJWT({ sv: 1 }).setProtectedHeader({ alg: 'HS256' }).setSubject('u2').setIssuer('rentai').setExpirationTime(2e9).sign(key);
    expect(await tokens.verify(old)).toEqual({ userId: 'u2', sessionVersion: 1, via: 'link' });
  });
});
