import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { hiraganaToKatakana, isKatakana, normalizeKana } from './kana.js';

describe('normalizeKana', () => {
  it('turns half-width katakana into full-width, composing voiced and semi-voiced marks', () => {
    expect(normalizeKana('ﾔﾏﾀﾞ')).toBe('ヤマダ');
    expect(normalizeKana('ﾊﾟﾝ')).toBe('パン');
    expect(normalizeKana('ｻﾄｳ ｼﾞｭﾝｲﾁﾛｳ')).toBe('サトウ ジュンイチロウ');
    expect(normalizeKana('ｷｮｳﾄﾞｳｸﾐｱｲ ｰ')).toBe('キョウドウクミアイ ー');
  });

  it('leaves full-width katakana as it is', () => {
    expect(normalizeKana('ヤマダ')).toBe('ヤマダ');
    expect(normalizeKana('ヴァイオリン')).toBe('ヴァイオリン');
  });

  it('collapses full-width and repeated spaces and trims', () => {
    expect(normalizeKana('　ヤマダ　　タロウ ')).toBe('ヤマダ タロウ');
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => normalizeKana(normalizeKana(s)) === normalizeKana(s)));
  });
});

describe('isKatakana', () => {
  it('accepts katakana words, ー, ・ and single spaces', () => {
    expect(isKatakana('ヤマダ')).toBe(true);
    expect(isKatakana('スズキ・ワーカーズ コープ')).toBe(true);
    expect(isKatakana('ヴィ')).toBe(true);
  });

  it('refuses hiragana, latin, kanji, digits, half-width kana and empty text', () => {
    for (const bad of ['やまだ', 'Yamada', '山田', 'ヤマダ1', 'ﾔﾏﾀﾞ', '', ' ', 'ヤマダ  タロウ', 'ヤマダ々']) expect(isKatakana(bad)).toBe(false);
  });

  it('accepts every half-width katakana string once normalized', () => {
    const halfWidth = fc.array(fc.integer({ min: 0xff66, max: 0xff9d }).map((c) => String.fromCharCode(c)), { minLength: 1, maxLength: 12 });
    fc.assert(fc.property(halfWidth, (chars) => isKatakana(normalizeKana(chars.join('')))));
  });
});

describe('hiraganaToKatakana', () => {
  it('maps hiragana to katakana and leaves everything else', () => {
    expect(hiraganaToKatakana('やまだ たろう')).toBe('ヤマダ タロウ');
    expect(hiraganaToKatakana('山田ゔぁ')).toBe('山田ヴァ');
    expect(hiraganaToKatakana('ヤマダ abc')).toBe('ヤマダ abc');
  });
});
