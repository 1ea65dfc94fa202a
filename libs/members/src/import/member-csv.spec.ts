import { describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import { csvStatus, decodeCsv, mapHeader, normalizeCsvDate, parseCsv } from './member-csv.js';

describe('decodeCsv', () => {
  const text = '姓,名\n山田,太郎\n';

  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeCsv(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf8' });
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).toEqual({ text, encoding: 'utf8' });
  });

  it('falls back to Shift_JIS (CP932) when the bytes are not UTF-8, including half-width kana and ①', () => {
    const sjis = '姓,セイ,備考\n髙橋,ﾀｶﾊｼ,①\n';
    expect(decodeCsv(iconv.encode(sjis, 'cp932'))).toEqual({ text: sjis, encoding: 'sjis' });
  });

  it('obeys an explicit encoding', () => {
    expect(decodeCsv(iconv.encode(text, 'cp932'), 'sjis').text).toBe(text);
  });
});

describe('mapHeader', () => {
  it('recognizes Japanese and English headers in any width and case', () => {
    const map = mapHeader(['会員番号', '姓', '名', 'ｾｲ', 'メイ', 'E-Mail', '郵便番号', '支部コード']);
    expect(map.index).toMatchObject({ memberNumber: 0, familyName: 1, givenName: 2, familyNameKana: 3, givenNameKana: 4, email: 5, postalCode: 6, branchCode: 7 });
    expect(map.label.familyNameKana).toBe('ｾｲ');
    expect(map.missing).toEqual([]);
  });

  it('lists required columns that are missing', () => {
    expect(mapHeader(['family_name', 'given_name', 'email']).missing).toEqual(['familyNameKana', 'givenNameKana']);
  });
});

describe('parseCsv', () => {
  it('handles quoted commas, quotes and blank lines', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi"""\n\n1,2\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['1', '2'],
    ]);
  });
});

describe('normalizeCsvDate and csvStatus', () => {
  it('reads Excel dates', () => {
    expect(normalizeCsvDate('2024/4/1')).toBe('2024-04-01');
    expect(normalizeCsvDate('２０２４年４月１日')).toBe('2024-04-01');
    expect(normalizeCsvDate('R6.4.1')).toBe('R6.4.1');
  });

  it('reads statuses in Japanese or English', () => {
    expect(csvStatus('')).toBe('ACTIVE');
    expect(csvStatus('休会')).toBe('SUSPENDED');
    expect(csvStatus('Withdrawn')).toBe('WITHDRAWN');
    expect(csvStatus('寝てる')).toBeUndefined();
  });
});
