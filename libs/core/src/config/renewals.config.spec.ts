import { describe, expect, it } from '@jest/globals';
import { RenewalsConfig } from './renewals.config.js';

describe('RenewalsConfig', () => {
  it('runs two branches at once unless RENEWAL_CONCURRENCY says otherwise', () => {
    expect(RenewalsConfig.fromEnv({})).toMatchObject({ leadDays: 30, schedule: '0 5 * * *', concurrency: 2 });
    expect(RenewalsConfig.fromEnv({ RENEWAL_CONCURRENCY: '1' }).concurrency).toBe(1);
    expect(RenewalsConfig.fromEnv({ RENEWAL_CONCURRENCY: '8' }).concurrency).toBe(8);
  });

  it('refuses a RENEWAL_CONCURRENCY below 1, above 8 or not a whole number, naming the variable', () => {
    for (const bad of ['0', '9', '1.5', 'two']) {
      expect(() => RenewalsConfig.fromEnv({ RENEWAL_CONCURRENCY: bad })).toThrow(/^Configuration error: environment variable RENEWAL_CONCURRENCY /);
    }
  });
});
