import { describe, expect, it } from '@jest/globals';
import { csvCell, csvDocument, toCsv, UTF8_BOM } from './excel-csv.js';

describe('CSV for Excel', () => {
  it('starts with a UTF-8 byte-order mark and ends lines with CRLF', () => {
    const doc = csvDocument(['日付 / Date', '金額 / Amount'], [['2026-04-01', 3000n]]);
    const bytes = Buffer.from(doc, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(doc.slice(1)).toBe('日付 / Date,金額 / Amount\r\n2026-04-01,3000\r\n');
  });

  it('names typed columns in Japanese and English', () => {
    const csv = toCsv(
      [
        { ja: '支部', en: 'Branch', value: (r: { b: string; n: bigint }) => r.b },
        { ja: '金額', en: 'Amount', value: (r) => r.n },
      ],
      [{ b: '東京', n: 12000n }],
    );
    expect(csv).toBe(`${UTF8_BOM}支部 / Branch,金額 / Amount\r\n東京,12000\r\n`);
  });

  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvCell('山田, 太郎')).toBe('"山田, 太郎"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-500n)).toBe('-500');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(null)).toBe('');
  });

  it.each(['＝SUM(A1)', '＋1', '－1', '＠SUM(A1)', '+81-3-1234', '@user', '\tx'])('defuses %p, full-width formula starts of Japanese Excel included', (text) => {
    expect(csvCell(text)).toBe(`'${text}`);
  });

  it('leaves text that only contains those characters, and numbers, alone', () => {
    expect(csvCell('山田＝太郎')).toBe('山田＝太郎');
    expect(csvCell('ー長音')).toBe('ー長音');
    expect(csvCell(-3000)).toBe('-3000');
  });
});
