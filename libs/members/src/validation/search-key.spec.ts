import { describe, expect, it } from '@jest/globals';
import { likePrefix, searchKey, withoutLegalForm } from './search-key.js';

describe('searchKey', () => {
  it('gives half-width, full-width and hiragana spellings of a name the same key', () => {
    expect(searchKey('ﾔﾏﾀﾞ ﾀﾛｳ')).toBe('ヤマダタロウ');
    expect(searchKey('ヤマダ　タロウ')).toBe('ヤマダタロウ');
    expect(searchKey('やまだたろう')).toBe('ヤマダタロウ');
  });

  it('drops spaces in kanji names and lower-cases latin, full-width included', () => {
    expect(searchKey('山田　太郎')).toBe('山田太郎');
    expect(searchKey('ＷＯＲＫＥＲＳ Coop')).toBe('workerscoop');
  });
});

describe('likePrefix', () => {
  it('escapes LIKE wildcards', () => {
    expect(likePrefix('a%b_c\\')).toBe('a\\%b\\_c\\\\%');
  });
});

describe('withoutLegalForm', () => {
  it('strips a leading legal form in kanji or kana', () => {
    expect(withoutLegalForm(searchKey('企業組合ワーカーズコープ東京'))).toBe('ワーカーズコープ東京');
    expect(withoutLegalForm(searchKey('ロウドウシャキョウドウクミアイ ミドリ'))).toBe('ミドリ');
    expect(withoutLegalForm(searchKey('労働者協同組合連合会北海道'))).toBe('北海道');
  });

  it('is null for a name without one', () => {
    expect(withoutLegalForm(searchKey('ワーカーズコープ'))).toBeNull();
    expect(withoutLegalForm(searchKey('企業組合'))).toBeNull();
  });
});
