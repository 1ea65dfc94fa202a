import { describe, expect, it } from '@jest/globals';
import { AppConfig } from './app.config.js';

const SECRET = 'a-session-secret-of-our-own-0123456789';

describe('AppConfig', () => {
  it('accepts the built-in session secret only when NODE_ENV says development or test', () => {
    expect(AppConfig.fromEnv({ NODE_ENV: 'development' }).sessionSecret).toMatch(/development/);
    expect(AppConfig.fromEnv({ NODE_ENV: 'test' }).sessionSecret).toMatch(/development/);
    for (const NODE_ENV of [undefined, 'production']) {
      expect(() => AppConfig.fromEnv({ NODE_ENV })).toThrow(
        /^Configuration error: environment variable SESSION_SECRET must be set to a secret of your own \(the built-in development secret is accepted only with NODE_ENV=development or test; NODE_ENV is (not set|"production")\)\.$/,
      );
    }
    expect(AppConfig.fromEnv({ SESSION_SECRET: SECRET }).sessionSecret).toBe(SECRET);
  });

  it('reads TRUST_PROXY by one rule: false, a hop count, or the proxies’ addresses; `true` (forgeable) is refused', () => {
    const trust = (TRUST_PROXY?: string) => AppConfig.fromEnv({ SESSION_SECRET: SECRET, TRUST_PROXY }).trustProxy;
    expect(trust()).toBe(false);
    expect(trust('false')).toBe(false);
    expect(trust('1')).toBe(1);
    expect(trust('loopback')).toBe('loopback');
    expect(trust(' 127.0.0.1 , 10.0.0.0/8,::1 ')).toBe('127.0.0.1,10.0.0.0/8,::1');
    for (const bad of ['true', 'yes', '10.0.0.0/8,proxy.example']) {
      expect(() => trust(bad)).toThrow(/^Configuration error: environment variable TRUST_PROXY must be false, the number of proxies/);
    }
  });
});
