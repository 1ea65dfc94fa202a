import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { corporateCheckDigit, corporateNumberProblem, isValidCorporateNumber, normalizeCorporateNumber } from './corporate-number.js';

describe('corporate number (法人番号)', () => {
  it('accepts real numbers published by the National Tax Agency', () => {
    expect(isValidCorporateNumber('7000012050002')).toBe(true); // 国税庁
    expect(isValidCorporateNumber('1180301018771')).toBe(true); // トヨタ自動車株式会社
    expect(isValidCorporateNumber('4000012090001')).toBe(true); // 法務省
  });

  it('computes the check digit of the 12-digit base', () => {
    expect(corporateCheckDigit('000012050002')).toBe(7);
    expect(corporateCheckDigit('180301018771')).toBe(1);
  });

  it('refuses a wrong check digit and a wrong shape, telling which', () => {
    expect(corporateNumberProblem('8000012050002')).toBe('CHECK_DIGIT');
    expect(corporateNumberProblem('700001205000')).toBe('FORMAT');
    expect(corporateNumberProblem('70000120500021')).toBe('FORMAT');
    expect(corporateNumberProblem('700001205000a')).toBe('FORMAT');
  });

  it('accepts exactly one check digit for every base', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), (base) => {
        const valid = [...'0123456789'].filter((d) => isValidCorporateNumber(d + base));
        return valid.length === 1 && valid[0] === String(corporateCheckDigit(base));
      }),
    );
  });

  it('catches every single-digit change of the base', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 9 }), (base, pos, delta) => {
        const good = String(corporateCheckDigit(base)) + base;
        const changed = base.slice(0, pos) + String((Number(base[pos]) + delta) % 10) + base.slice(pos + 1);
        // Sums are taken mod 9: turning a 0 into a 9 or back is the scheme's one blind spot.
        const diff = ((Number(base[pos]) + delta) % 10) - Number(base[pos]);
        if (Math.abs(diff) === 9) return true;
        return !isValidCorporateNumber(good[0] + changed);
      }),
    );
  });

  it('normalizes full-width digits and hyphens', () => {
    expect(normalizeCorporateNumber('７０００－０１２０－５０００２')).toBe('7000012050002');
    expect(normalizeCorporateNumber('7 0000 1205 0002')).toBe('7000012050002');
    expect(normalizeCorporateNumber('12-34')).toBe('12-34');
  });
});
