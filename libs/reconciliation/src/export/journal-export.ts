import iconv from 'iconv-lite';
import { csvLine } from '#core';

/**
 * Journal entries written for accounting software: 弥生会計 (弥生インポート形式), freee (仕訳 /
 * 振替伝票 import), Money Forward クラウド会計 (仕訳帳 import) and Rentai's plain CSV. Pure: the
 * entries and the book's account mapping in, the file's bytes out.
 */

export interface ExportLine {
  accountCode: string;
  side: 'DEBIT' | 'CREDIT';
  amount: bigint;
}

export interface ExportEntry {
  /** 伝票番号 / 取引No: 1, 2, 3 … in the file. */
  number: number;
  /** YYYY-MM-DD. */
  date: string;
  memo: string;
  lines: ExportLine[];
}

/** How a book's accounts are called in the accounting software (names must equal the ones registered there). */
export interface AccountMapping {
  [accountCode: string]: { name: string; subName?: string | null; taxClass?: string | null };
}

export type ExportFormat = 'YAYOI' | 'FREEE' | 'MONEY_FORWARD' | 'PLAIN';

const slash = (date: string) => date.replaceAll('-', '/');
/** csvLine ends each row with CRLF already. */
const crlf = (rows: string[]) => rows.join('');

function mapped(mapping: AccountMapping, code: string) {
  const m = mapping[code];
  return { name: m?.name ?? code, sub: m?.subName ?? '', tax: m?.taxClass ?? '対象外' };
}

/**
 * Pairs an entry's lines into rows of a debit and a credit (what 弥生 and Money Forward expect): a
 * two-line entry is one row; otherwise one row per line with the other side blank.
 */
function rows(entry: ExportEntry): { debit: ExportLine | null; credit: ExportLine | null }[] {
  const debits = entry.lines.filter((l) => l.side === 'DEBIT');
  const credits = entry.lines.filter((l) => l.side === 'CREDIT');
  if (debits.length === 1 && credits.length === 1) return [{ debit: debits[0], credit: credits[0] }];
  return [...debits.map((d) => ({ debit: d, credit: null })), ...credits.map((c) => ({ debit: null, credit: c }))];
}

/** 弥生インポート形式: Shift_JIS, CRLF, no header row, 25 columns; 2111 a one-line 伝票, 2110 / 2100 / 2101 first, middle, last. */
export function yayoiJournal(entries: ExportEntry[], mapping: AccountMapping): Buffer {
  const out: string[] = [];
  for (const entry of entries) {
    const rs = rows(entry);
    rs.forEach((r, i) => {
      const flag = rs.length === 1 ? '2111' : i === 0 ? '2110' : i === rs.length - 1 ? '2101' : '2100';
      const side = (l: ExportLine | null) => {
        if (!l) return ['', '', '', '', '', ''];
        const m = mapped(mapping, l.accountCode);
        return [m.name, m.sub, '', m.tax, l.amount.toString(), '0'];
      };
      out.push(csvLine([flag, entry.number, '', slash(entry.date), ...side(r.debit), ...side(r.credit), entry.memo.slice(0, 64), '', '', '0', 'Rentai', '', '0', '0', 'no']));
    });
  }
  return iconv.encode(crlf(out), 'cp932');
}

export const FREEE_HEADER = ['日付', '伝票番号', '借方勘定科目', '借方補助科目', '借方税区分', '借方金額', '貸方勘定科目', '貸方補助科目', '貸方税区分', '貸方金額', '摘要'];

/** freee 仕訳 (振替伝票) import: a header row (columns mapped at upload), the lines of one entry sharing 日付 and 伝票番号. UTF-8 with BOM. */
export function freeeJournal(entries: ExportEntry[], mapping: AccountMapping): Buffer {
  const out = [csvLine(FREEE_HEADER)];
  for (const entry of entries) {
    for (const r of rows(entry)) {
      const side = (l: ExportLine | null) => {
        if (!l) return ['', '', '', ''];
        const m = mapped(mapping, l.accountCode);
        return [m.name, m.sub, m.tax, l.amount.toString()];
      };
      out.push(csvLine([slash(entry.date), entry.number, ...side(r.debit), ...side(r.credit), entry.memo]));
    }
  }
  return Buffer.from('\uFEFF' + crlf(out), 'utf8');
}

/** Money Forward クラウド会計 仕訳帳 import: the fixed header of columns A–AA (27). */
export const MONEY_FORWARD_HEADER = [
  '取引No', '取引日', '借方勘定科目', '借方補助科目', '借方部門', '借方取引先', '借方税区分', '借方インボイス', '借方金額(円)', '借方税額',
  '貸方勘定科目', '貸方補助科目', '貸方部門', '貸方取引先', '貸方税区分', '貸方インボイス', '貸方金額(円)', '貸方税額',
  '摘要', '仕訳メモ', 'タグ', 'MF仕訳タイプ', '決算整理仕訳', '作成日時', '作成者', '最終更新日時', '最終更新者',
];

/** Rows of one entry share 取引日 and 取引No (a compound entry when debits and credits balance). Shift_JIS. */
export function moneyForwardJournal(entries: ExportEntry[], mapping: AccountMapping): Buffer {
  const out = [csvLine(MONEY_FORWARD_HEADER)];
  for (const entry of entries) {
    for (const r of rows(entry)) {
      const side = (l: ExportLine | null) => {
        if (!l) return ['', '', '', '', '', '', '', ''];
        const m = mapped(mapping, l.accountCode);
        return [m.name, m.sub, '', '', m.tax, '', l.amount.toString(), '0'];
      };
      out.push(csvLine([entry.number, slash(entry.date), ...side(r.debit), ...side(r.credit), entry.memo, '', '', '', '', '', '', '', '']));
    }
  }
  return iconv.encode(crlf(out), 'cp932');
}

export const PLAIN_HEADER = ['entry_number', 'date', 'side', 'account_code', 'account_name', 'amount', 'memo'];

/** Rentai's plain CSV: one row per journal line, UTF-8 with BOM. */
export function plainJournal(entries: ExportEntry[], mapping: AccountMapping): Buffer {
  const out = [csvLine(PLAIN_HEADER)];
  for (const entry of entries) for (const l of entry.lines) out.push(csvLine([entry.number, entry.date, l.side, l.accountCode, mapped(mapping, l.accountCode).name, l.amount.toString(), entry.memo]));
  return Buffer.from('\uFEFF' + crlf(out), 'utf8');
}

export function journalExport(format: ExportFormat, entries: ExportEntry[], mapping: AccountMapping): Buffer {
  switch (format) {
    case 'YAYOI':
      return yayoiJournal(entries, mapping);
    case 'FREEE':
      return freeeJournal(entries, mapping);
    case 'MONEY_FORWARD':
      return moneyForwardJournal(entries, mapping);
    case 'PLAIN':
      return plainJournal(entries, mapping);
  }
}
