import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { MemberStatus } from '../member.entity.js';

/**
 * The member CSV file as Japanese offices export it from Excel: UTF-8 (with or without BOM)
 * or Shift_JIS (CP932), a header row naming the columns in Japanese or English.
 * Pure functions; the import service does the database part.
 */

export type CsvEncoding = 'auto' | 'utf8' | 'sjis';

/** Decodes the file: a UTF-8 BOM or valid UTF-8 means UTF-8, anything else is read as CP932 (Excel's Shift_JIS). */
export function decodeCsv(bytes: Buffer, encoding: CsvEncoding = 'auto'): { text: string; encoding: 'utf8' | 'sjis' } {
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (encoding === 'sjis') return { text: iconv.decode(bytes, 'cp932'), encoding: 'sjis' };
  if (encoding === 'utf8' || hasBom) return { text: new TextDecoder('utf-8').decode(hasBom ? bytes.subarray(3) : bytes), encoding: 'utf8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf8' };
  } catch {
    return { text: iconv.decode(bytes, 'cp932'), encoding: 'sjis' };
  }
}

/** The fields a row can carry, and the header names that mean each (compared after headerKey()). */
export const CSV_COLUMNS = {
  memberNumber: ['会員番号', 'member_number', 'membernumber', 'member no', 'no'],
  familyName: ['姓', '氏', '氏名(姓)', 'family_name', 'familyname', 'last_name'],
  givenName: ['名', '氏名(名)', 'given_name', 'givenname', 'first_name'],
  familyNameKana: ['セイ', '姓カナ', '姓(カナ)', 'フリガナ(姓)', 'family_name_kana', 'familynamekana'],
  givenNameKana: ['メイ', '名カナ', '名(カナ)', 'フリガナ(名)', 'given_name_kana', 'givennamekana'],
  email: ['メールアドレス', 'メール', 'eメール', 'email', 'e-mail', 'mail'],
  phone: ['電話番号', '電話', 'tel', 'phone'],
  postalCode: ['郵便番号', '〒', 'postal_code', 'postalcode', 'zip'],
  address: ['住所', 'address'],
  branchCode: ['支部コード', '支部', 'branch_code', 'branchcode', 'branch'],
  joinedOn: ['入会日', 'joined_on', 'joinedon', 'joined'],
  status: ['状態', 'ステータス', '会員状態', 'status'],
} as const;

export type CsvField = keyof typeof CSV_COLUMNS;

export const REQUIRED_COLUMNS: CsvField[] = ['familyName', 'givenName', 'familyNameKana', 'givenNameKana', 'email'];

/** Header cells compared without width, case, spaces or the kind of brackets. */
export function headerKey(header: string): string {
  return header.normalize('NFKC').replace(/^\uFEFF/, '').replace(/\s+/g, '').toLowerCase();
}

export interface HeaderMap {
  /** Field → index of its column. */
  index: Partial<Record<CsvField, number>>;
  /** Field → the header as written in the file (for the report). */
  label: Partial<Record<CsvField, string>>;
  /** Required fields with no column. */
  missing: CsvField[];
}

export function mapHeader(header: string[]): HeaderMap {
  const map: HeaderMap = { index: {}, label: {}, missing: [] };
  header.forEach((cell, i) => {
    const key = headerKey(cell);
    for (const [field, names] of Object.entries(CSV_COLUMNS) as [CsvField, readonly string[]][]) {
      if (map.index[field] === undefined && names.some((n) => headerKey(n) === key)) {
        map.index[field] = i;
        map.label[field] = cell.trim();
        break;
      }
    }
  });
  map.missing = REQUIRED_COLUMNS.filter((f) => map.index[f] === undefined);
  return map;
}

/** Every record of the text, header first; empty lines skipped. */
export function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: false }) as string[][];
}

/** Excel's 2024/4/1, 2024-04-01, 2024.4.1, and 令和 free text is not accepted: YYYY-MM-DD or the input unchanged. */
export function normalizeCsvDate(value: string): string {
  const m = /^(\d{4})[/\-.年](\d{1,2})[/\-.月](\d{1,2})日?$/.exec(value.normalize('NFKC').trim());
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : value;
}

const STATUS_WORDS: Record<string, MemberStatus> = {
  active: MemberStatus.ACTIVE,
  有効: MemberStatus.ACTIVE,
  在籍: MemberStatus.ACTIVE,
  正会員: MemberStatus.ACTIVE,
  suspended: MemberStatus.SUSPENDED,
  休会: MemberStatus.SUSPENDED,
  lapsed: MemberStatus.LAPSED,
  失効: MemberStatus.LAPSED,
  withdrawn: MemberStatus.WITHDRAWN,
  退会: MemberStatus.WITHDRAWN,
};

/** ACTIVE / 有効 / 休会 / 失効 / 退会 …; empty means ACTIVE; undefined when unknown. */
export function csvStatus(value: string): MemberStatus | undefined {
  const key = value.normalize('NFKC').trim().toLowerCase();
  return key === '' ? MemberStatus.ACTIVE : STATUS_WORDS[key];
}
