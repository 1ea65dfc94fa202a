import { describe, expect, it } from '@jest/globals';
import { StatementFormatError } from '../statement-format.js';
import { BUILT_IN_PROFILES } from './csv-profile.js';
import { parseCsvStatement } from './csv-statement.js';

const profile = (code: string) => BUILT_IN_PROFILES.find((p) => p.code === code)!;
const sjis = (text: string) => {
  // Node's TextEncoder writes only UTF-8; build Shift_JIS through the decoder's inverse table.
  const table = new Map<string, number[]>();
  const dec = new TextDecoder('shift_jis');
  for (let hi = 0x81; hi <= 0xfc; hi += 1) for (let lo = 0x40; lo <= 0xfc; lo += 1) table.set(dec.decode(Uint8Array.from([hi, lo])), [hi, lo]);
  for (let b = 0xa1; b <= 0xdf; b += 1) table.set(dec.decode(Uint8Array.from([b])), [b]);
  const out: number[] = [];
  for (const ch of text) out.push(...(ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!));
  return Uint8Array.from(out);
};
const refusal = (bytes: Uint8Array, code: string) => {
  try {
    parseCsvStatement(bytes, profile(code));
  } catch (e) {
    if (e instanceof StatementFormatError) return e;
    throw e;
  }
  throw new Error('accepted');
};

describe('CSV statements through a bank profile', () => {
  const yucho = '取引日,受入金額（円）,払出金額（円）,詳細１,詳細２,現在（貸付）高\r\n2026/04/03,"6,000",,ﾔﾏﾀﾞ ﾀﾛｳ,振替,106000\r\n2026/04/05,,440,手数料,,105560\r\n';

  it('reads a ゆうちょ statement in Shift_JIS: dates, in and out, payer in Zengin kana', () => {
    const [account] = parseCsvStatement(sjis(yucho), profile('YUCHO')).accounts;
    expect(account.lines.map((l) => [l.line, l.bookedOn, l.direction, l.amount, l.payerName])).toEqual([
      [2, '2026-04-03', 'IN', 6000n, 'ﾔﾏﾀﾞ ﾀﾛｳ'],
      [3, '2026-04-05', 'OUT', 440n, '手数料'],
    ]);
  });

  it('reads the plain UTF-8 profile with one signed amount column and a BOM', () => {
    const text = '\uFEFFdate,amount,payer,memo\n2026-04-03,12000,ヤマダ タロウ,\n2026-04-04,-300,,fee\n';
    const [account] = parseCsvStatement(new TextEncoder().encode(text), profile('RENTAI_UTF8')).accounts;
    expect(account.lines.map((l) => [l.direction, l.amount, l.payerName])).toEqual([
      ['IN', 12000n, 'ﾔﾏﾀﾞ ﾀﾛｳ'],
      ['OUT', 300n, ''],
    ]);
  });

  it('refuses a UTF-8 file for a Shift_JIS profile, columns that do not fit, amounts and dates that do not parse', () => {
    expect(refusal(new TextEncoder().encode(yucho), 'YUCHO')).toMatchObject({ line: 1, reason: 'NOT_SHIFT_JIS' });
    expect(refusal(sjis('日付,金額,摘要\r\n2026/04/03,6000,ﾔﾏﾀﾞ\r\n'), 'YUCHO')).toMatchObject({ line: 1, reason: 'CSV_COLUMNS' });
    expect(refusal(sjis(yucho.replace('"6,000"', '6千')), 'YUCHO')).toMatchObject({ line: 2, reason: 'CSV_AMOUNT' });
    expect(refusal(sjis(yucho.replace('2026/04/05', '2026/02/30')), 'YUCHO')).toMatchObject({ line: 3, reason: 'DATE' });
    expect(refusal(sjis(yucho.replace(',440,', ',440,').replace('2026/04/05,,440', '2026/04/05,100,440')), 'YUCHO')).toMatchObject({ line: 3, reason: 'CSV_AMOUNT' });
    expect(refusal(sjis(yucho + '2026/04/06,100\r\n'), 'YUCHO')).toMatchObject({ line: 4, reason: 'CSV_COLUMNS' });
  });
});
