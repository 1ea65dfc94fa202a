import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fitZengin, toZenginKana, zenginName } from './half-width-kana.js';

describe('Zengin kana', () => {
  it('writes full-width katakana and hiragana as half-width, voiced kana as two characters', () => {
    expect(toZenginKana('ヤマダ タロウ')).toBe('ﾔﾏﾀﾞ ﾀﾛｳ');
    expect(toZenginKana('ぱぴぷぺぽ')).toBe('ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ');
    expect(toZenginKana('ヴ')).toBe('ｳﾞ');
  });

  it('writes small kana large, the long vowel as -, ヲ as ｵ, Latin upper case', () => {
    expect(toZenginKana('シャチョウ')).toBe('ｼﾔﾁﾖｳ');
    expect(toZenginKana('ｷｬｯｼｭ')).toBe('ｷﾔﾂｼﾕ');
    expect(toZenginKana('コーヒー')).toBe('ｺ-ﾋ-');
    expect(toZenginKana('ｺｰﾋｰ')).toBe('ｺ-ﾋ-');
    expect(toZenginKana('ヲ')).toBe('ｵ');
    expect(toZenginKana('ａｂｃ１２３ xyz')).toBe('ABC123 XYZ');
  });

  it('accepts a legal-form abbreviation with parentheses and names the characters it refuses', () => {
    expect(zenginName('カ）ケアスクール', 30)).toEqual({ ok: true, value: 'ｶ)ｹｱｽｸ-ﾙ' });
    expect(zenginName('山田タロウ', 30)).toEqual({ ok: false, problem: { kind: 'INVALID_CHARACTERS', characters: ['山', '田'] } });
    expect(zenginName('ﾔﾏﾀﾞ,ﾀﾛｳ', 30)).toEqual({ ok: false, problem: { kind: 'INVALID_CHARACTERS', characters: [','] } });
    expect(zenginName('ABC(1)', 30, 'BANK')).toMatchObject({ ok: false });
  });

  it('counts ﾞ and ﾟ as characters of their own against the field length', () => {
    expect(zenginName('ガ'.repeat(15), 30)).toEqual({ ok: true, value: 'ｶﾞ'.repeat(15) });
    expect(zenginName('ガ'.repeat(16), 30)).toEqual({ ok: false, problem: { kind: 'TOO_LONG', length: 32, max: 30 } });
    expect(zenginName('  ', 30)).toEqual({ ok: false, problem: { kind: 'EMPTY' } });
  });

  it('never cuts between a kana and its ﾞ or ﾟ', () => {
    expect(fitZengin('ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾞ', 15)).toBe('ｱｲｳｴｵｶｷｸｹｺｻｼｽｾ');
    expect(fitZengin('ｱｲｳｴｵｶｷｸｹｺｻｼｽｾﾞｿ', 15)).toBe('ｱｲｳｴｵｶｷｸｹｺｻｼｽｾﾞ');
    expect(fitZengin('ﾐｽﾞﾎ', 15)).toBe('ﾐｽﾞﾎ');
  });

  it('fitted names are prefixes, within the length, and never end before a mark of their last kana (property)', () => {
    const kana = fc.constantFrom(...'ｱｶｻﾀﾊﾏ'.split(''), 'ｶﾞ', 'ﾊﾟ', 'ｻﾞ', ' ');
    fc.assert(
      fc.property(fc.array(kana, { maxLength: 30 }).map((a) => a.join('')), fc.integer({ min: 1, max: 20 }), (value, max) => {
        const fitted = fitZengin(value, max);
        expect(fitted.length).toBeLessThanOrEqual(max);
        expect(value.startsWith(fitted)).toBe(true);
        const next = value[fitted.length];
        expect(next === 'ﾞ' || next === 'ﾟ').toBe(false);
      }),
    );
  });

  it('converted names only ever hold Zengin characters or are refused (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        const result = zenginName(text, 30);
        if (result.ok) expect(result.value).toMatch(/^[ｱ-ﾝﾞﾟ0-9A-Z ().\-]+$/);
      }),
    );
  });
});
