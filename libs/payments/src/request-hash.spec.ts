import { describe, expect, it } from '@jest/globals';
import { requestHash } from './request-hash.js';

describe('requestHash', () => {
  it('is the same for the same content in any key order, with absent and null alike', () => {
    expect(requestHash({ a: 1n, b: [{ x: 'y' }], c: null })).toBe(requestHash({ b: [{ x: 'y' }], a: 1n }));
  });

  it('differs when an amount or an allocation differs', () => {
    expect(requestHash({ a: 1n })).not.toBe(requestHash({ a: 2n }));
    expect(requestHash({ a: 1n })).not.toBe(requestHash({ a: 1 }));
    expect(requestHash({ l: ['x', 'y'] })).not.toBe(requestHash({ l: ['y', 'x'] }));
  });
});
