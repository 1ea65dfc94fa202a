import { describe, expect, it } from '@jest/globals';
import { invoiceNumber } from './invoice-number.js';

describe('invoice numbers', () => {
  it('carry branch code, fiscal year and a six-digit sequence', () => {
    expect(invoiceNumber('TKY', 2027, 42)).toBe('TKY-2027-000042');
    expect(() => invoiceNumber('TKY', 2027, 0)).toThrow(RangeError);
  });
});
