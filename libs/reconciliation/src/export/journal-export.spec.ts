import { describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import { FREEE_HEADER, MONEY_FORWARD_HEADER, freeeJournal, moneyForwardJournal, plainJournal, yayoiJournal, type AccountMapping, type ExportEntry } from './journal-export.js';

const mapping: AccountMapping = { '1200': { name: '普通預金', subName: 'みずほ' }, '1100': { name: '未収会費' }, '5200': { name: '支払手数料', taxClass: '課対仕入10%' } };
const entries: ExportEntry[] = [
  { number: 1, date: '2026-04-03', memo: '会費入金 ヤマダ タロウ', lines: [{ accountCode: '1200', side: 'DEBIT', amount: 12000n }, { accountCode: '1100', side: 'CREDIT', amount: 12000n }] },
  {
    number: 2,
    date: '2026-04-05',
    memo: '会費入金 (手数料差引)',
    lines: [
      { accountCode: '1200', side: 'DEBIT', amount: 5560n },
      { accountCode: '5200', side: 'DEBIT', amount: 440n },
      { accountCode: '1100', side: 'CREDIT', amount: 6000n },
    ],
  },
];
const rowsOf = (text: string) => {
  const lines = text.replace(/^\uFEFF/, '').split('\r\n');
  expect(lines.pop()).toBe(''); // CRLF after the last row, no blank rows between
  expect(lines.every((l) => l !== '')).toBe(true);
  return lines.map((r) => r.split(','));
};

describe('journal exports against their formats’ column specs', () => {
  it('弥生インポート形式: Shift_JIS, CRLF, no header, 25 columns, 2111 for a one-line 伝票 and 2110 / 2100 / 2101 for a multi-line one', () => {
    const bytes = yayoiJournal(entries, mapping);
    const text = iconv.decode(bytes, 'cp932');
    expect(text).toContain('\r\n');
    expect(bytes.includes(Buffer.from('普通預金', 'utf8'))).toBe(false);
    const rows = rowsOf(text);
    expect(rows.every((r) => r.length === 25)).toBe(true);
    expect(rows.map((r) => r[0])).toEqual(['2111', '2110', '2100', '2101']);
    expect(rows[0].slice(1, 16)).toEqual(['1', '', '2026/04/03', '普通預金', 'みずほ', '', '対象外', '12000', '0', '未収会費', '', '', '対象外', '12000', '0']);
    expect(rows[0].slice(16)).toEqual(['会費入金 ヤマダ タロウ', '', '', '0', 'Rentai', '', '0', '0', 'no']);
    expect(rows[2].slice(4, 10)).toEqual(['支払手数料', '', '', '課対仕入10%', '440', '0']);
    expect(rows[3].slice(4, 16)).toEqual(['', '', '', '', '', '', '未収会費', '', '', '対象外', '6000', '0']);
  });

  it('Money Forward 仕訳帳: the fixed 27-column header A–AA, rows of one entry share 取引No and 取引日, Shift_JIS', () => {
    const rows = rowsOf(iconv.decode(moneyForwardJournal(entries, mapping), 'cp932'));
    expect(MONEY_FORWARD_HEADER).toHaveLength(27);
    expect(rows[0]).toEqual(MONEY_FORWARD_HEADER);
    expect(rows.slice(1).every((r) => r.length === 27)).toBe(true);
    expect(rows.slice(2).map((r) => [r[0], r[1]])).toEqual([['2', '2026/04/05'], ['2', '2026/04/05'], ['2', '2026/04/05']]);
    expect(rows[1].slice(2, 18)).toEqual(['普通預金', 'みずほ', '', '', '対象外', '', '12000', '0', '未収会費', '', '', '', '対象外', '', '12000', '0']);
  });

  it('freee 振替伝票: a header row, the lines of one entry share 日付 and 伝票番号; debits equal credits per entry', () => {
    const rows = rowsOf(freeeJournal(entries, mapping).toString('utf8'));
    expect(rows[0]).toEqual(FREEE_HEADER);
    const second = rows.slice(2);
    expect(new Set(second.map((r) => `${r[0]}|${r[1]}`)).size).toBe(1);
    const total = (i: number) => second.reduce((s, r) => s + Number(r[i] || 0), 0);
    expect(total(5)).toBe(total(9));
  });

  it('the plain CSV has one row per journal line', () => {
    const rows = rowsOf(plainJournal(entries, mapping).toString('utf8'));
    expect(rows).toHaveLength(1 + 5);
    expect(rows[1]).toEqual(['1', '2026-04-03', 'DEBIT', '1200', '普通預金', '12000', '会費入金 ヤマダ タロウ']);
  });
});
