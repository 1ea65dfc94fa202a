import { describe, expect, it } from '@jest/globals';
import { csvCell, toCsv, UTF8_BOM } from './dues-csv.js';
import { invoiceNumber } from './invoice-number.js';

describe('dues CSV', () => {
  it('starts with a UTF-8 BOM, names columns in Japanese and English, ends lines with CRLF', () => {
    const csv = toCsv(
      [
        { ja: '支部', en: 'Branch', value: (r: { b: string; n: bigint }) => r.b },
        { ja: '金額', en: 'Amount', value: (r) => r.n },
      ],
      [{ b: '東京', n: 12000n }],
    );
    const bytes = Buffer.from(csv, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv).toBe(`${UTF8_BOM}支部 / Branch,金額 / Amount\r\n東京,12000\r\n`);
  });

  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell(-5n)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });
});

describe('invoice numbers', () => {
  it('carry branch code, fiscal year and a six-digit sequence', () => {
    expect(invoiceNumber('TKY', 2027, 42)).toBe('TKY-2027-000042');
    expect(() => invoiceNumber('TKY', 2027, 0)).toThrow(RangeError);
  });
});
