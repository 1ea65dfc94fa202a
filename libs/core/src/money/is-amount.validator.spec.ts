import { describe, expect, it } from '@jest/globals';
import { MAX_AMOUNT, amountProblem } from './is-amount.validator.js';

describe('amountProblem (what IsAmount refuses)', () => {
  it('takes 1 … MAX_AMOUNT and refuses one yen more, either way', () => {
    expect(amountProblem(1n)).toBeNull();
    expect(amountProblem(MAX_AMOUNT)).toBeNull();
    expect(amountProblem(MAX_AMOUNT + 1n)?.en).toBe('must not exceed 10,000,000,000');
    expect(amountProblem(-MAX_AMOUNT - 1n, { allowNegative: true })?.en).toBe('must not exceed 10,000,000,000');
    expect(amountProblem(-MAX_AMOUNT, { allowNegative: true })).toBeNull();
  });

  it('every amount a total of MAX_AMOUNT-sized rows can reach stays exact in JSON for 900,000 rows', () => {
    expect(MAX_AMOUNT * 900_000n <= BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
  });

  it('refuses zero and negatives unless allowed, and anything but a bigint', () => {
    expect(amountProblem(0n)?.en).toBe('must be greater than zero');
    expect(amountProblem(0n, { allowZero: true })).toBeNull();
    expect(amountProblem(-1n, { allowZero: true })?.en).toBe('must not be negative');
    expect(amountProblem(12)?.en).toBe('must be a whole number of minor units');
  });
});
