import { describe, expect, it } from '@jest/globals';
import { familyKey, nameKey, numbersIn, similarity } from './payer-name.js';

describe('payer names brought to one key', () => {
  it.each([
    ['ヤマダ タロウ', 'ﾔﾏﾀﾞﾀﾛｳ'],
    ['ﾔﾏﾀﾞ ﾀﾛｳ', 'ﾔﾏﾀﾞﾀﾛｳ'],
    ['やまだ　たろう', 'ﾔﾏﾀﾞﾀﾛｳ'],
    ['ｼﾔｰﾛｯﾄ', 'ｼﾔﾛﾂﾄ'],
    ['シャーロット', 'ｼﾔﾛﾂﾄ'],
    ['ｼﾔ-ﾛﾂﾄ', 'ｼﾔﾛﾂﾄ'],
    ['ガッコウ', 'ｶﾞﾂｺｳ'],
    ['ｶ)ｽｽﾞｷｼﾖｳｼﾞ', 'ｽｽﾞｷｼﾖｳｼﾞ'],
    ['ｽｽﾞｷｼﾖｳｼﾞ(ｶ', 'ｽｽﾞｷｼﾖｳｼﾞ'],
    ['ｽｽﾞｷｼﾖｳｼﾞ(ｶ)', 'ｽｽﾞｷｼﾖｳｼﾞ'],
    ['カブシキガイシャ スズキショウジ', 'ｽｽﾞｷｼﾖｳｼﾞ'],
    ['ﾕ)ﾀﾅｶｼﾖｳﾃﾝ', 'ﾀﾅｶｼﾖｳﾃﾝ'],
    ['ｼﾔ)ｶｲｺﾞｷﾖｳｶｲ', 'ｶｲｺﾞｷﾖｳｶｲ'],
    ['一般社団法人 カイゴキョウカイ', 'ｶｲｺﾞｷﾖｳｶｲ'],
    ['P0012345 ﾔﾏﾀﾞ ﾀﾛｳ', 'ﾔﾏﾀﾞﾀﾛｳ'],
    ['TKY-2026-000123 ﾔﾏﾀﾞ', 'ﾔﾏﾀﾞ'],
  ])('%s → %s', (name, key) => {
    expect(nameKey(name)).toBe(key);
  });

  it('keeps the family name as the first word', () => {
    expect(familyKey('ヤマダ タロウ')).toBe('ﾔﾏﾀﾞ');
    expect(familyKey('012345 ﾔﾏﾀﾞ ﾀﾛｳ')).toBe('ﾔﾏﾀﾞ');
  });

  it('finds member and invoice numbers anywhere in the field', () => {
    expect(numbersIn('P0012345 ﾔﾏﾀﾞ ﾀﾛｳ')).toEqual({ memberNumbers: ['P0012345'], digitRuns: [], invoiceNumbers: [] });
    expect(numbersIn('ﾔﾏﾀﾞ ﾀﾛｳ 0012345')).toEqual({ memberNumbers: [], digitRuns: ['12345'], invoiceNumbers: [] });
    expect(numbersIn('TKY-2026-000123 ﾔﾏﾀﾞ')).toEqual({ memberNumbers: [], digitRuns: [], invoiceNumbers: ['TKY-2026-000123'] });
    expect(numbersIn('TKY2026000123ﾔﾏﾀﾞ').invoiceNumbers).toEqual(['TKY-2026-000123']);
    expect(numbersIn('O000123 ｶ)ｽｽﾞｷ').memberNumbers).toEqual(['O000123']);
  });

  it('scores similar keys close to 1 and different ones low', () => {
    expect(similarity('ﾔﾏﾀﾞﾀﾛｳ', 'ﾔﾏﾀﾞﾀﾛｳ')).toBe(1);
    expect(similarity('ﾔﾏﾀﾞﾀﾛｳ', 'ﾔﾏﾀﾞﾀﾛ')).toBeGreaterThan(0.8);
    expect(similarity('ﾔﾏﾀﾞﾀﾛｳ', 'ｽｽﾞｷﾊﾅｺ')).toBeLessThan(0.2);
  });
});
