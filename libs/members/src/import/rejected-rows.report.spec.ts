import { describe, expect, it } from '@jest/globals';
import { rejectedRowsCsv } from './rejected-rows.report.js';

describe('rejected rows report', () => {
  const rejected = [
    { row: 2, column: 'メールアドレス', reason: { ja: '形式が正しくありません', en: 'not an e-mail address' } },
    { row: 3, column: '=HYPERLINK("http://evil.example")', reason: { ja: 'a, "b"', en: 'a, "b"' } },
    { row: 4, column: '＝ＳＵＭ（Ａ１）', reason: { ja: '＠x', en: '－1' } },
  ];

  it('is Excel CSV: BOM, CRLF, a header in the chosen language', () => {
    const csv = rejectedRowsCsv(rejected.slice(0, 1), 'ja');
    expect(csv).toBe('\uFEFF行,列,理由\r\n2,メールアドレス,形式が正しくありません\r\n');
    expect(rejectedRowsCsv([], 'en')).toBe('\uFEFFrow,column,reason\r\n');
  });

  it('defuses formulas, ASCII and full-width, copied from the imported file, and quotes as RFC 4180', () => {
    const lines = rejectedRowsCsv(rejected, 'en').slice(1).split('\r\n');
    expect(lines[2]).toBe(`3,"'=HYPERLINK(""http://evil.example"")","a, ""b"""`);
    expect(lines[3]).toBe(`4,'＝ＳＵＭ（Ａ１）,'－1`);
    expect(rejectedRowsCsv(rejected.slice(2), 'ja').split('\r\n')[1]).toBe(`4,'＝ＳＵＭ（Ａ１）,'＠x`);
  });
});
