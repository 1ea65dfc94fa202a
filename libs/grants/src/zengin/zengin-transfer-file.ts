import { fitZengin, toZenginKana } from './half-width-kana.js';

/**
 * 全銀協 総合振込 (種別 21) files: 120-byte records — header (1), data (2), trailer (8), end (9) —
 * in JIS X 0201 (the Shift_JIS bytes of half-width kana and ASCII). N fields right-aligned
 * with zeros, C fields left-aligned with spaces.
 */
export const RECORD_LENGTH = 120;

export type LineEnding = 'CRLF' | 'LF' | 'NONE';

/** 預金種目: 1 普通, 2 当座, 4 貯蓄 (9 その他 for the payer). */
export type ZenginAccountType = 1 | 2 | 4 | 9;

export interface TransferHeader {
  /** 振込依頼人コード (委託者コード), 10 digits, given by the bank. */
  requesterCode: string;
  /** 振込依頼人名, Zengin kana, at most 40. */
  requesterName: string;
  /** The transfer date, YYYY-MM-DD (written MMDD). */
  transferDate: string;
  bankCode: string;
  bankName: string;
  branchCode: string;
  branchName: string;
  accountType: ZenginAccountType;
  accountNumber: string;
}

export interface TransferRecord {
  bankCode: string;
  bankName: string;
  branchCode: string;
  branchName: string;
  accountType: ZenginAccountType;
  accountNumber: string;
  /** 受取人名, already valid Zengin kana of at most 30 (refused otherwise). */
  recipientName: string;
  amount: bigint;
  /** 顧客コード1, digits (at most 10), e.g. the application number. */
  customerCode1?: string | null;
  customerCode2?: string | null;
}

export class ZenginFileError extends Error {
  override name = 'ZenginFileError';
}

function digits(value: string | number | bigint, width: number, what: string): string {
  const text = value.toString();
  if (!/^\d+$/.test(text) || text.length > width) throw new ZenginFileError(`${what} must be at most ${width} digits, got ${text}`);
  return text.padStart(width, '0');
}

function exact(value: string, width: number, what: string): string {
  if (value.length !== width || !/^\d+$/.test(value)) throw new ZenginFileError(`${what} must be exactly ${width} digits, got ${value}`);
  return value;
}

function text(value: string, width: number, what: string): string {
  if (value.length > width) throw new ZenginFileError(`${what} is longer than ${width}: ${value}`);
  return value.padEnd(width, ' ');
}

/** A bank or branch name for the file: converted and fitted to 15 without cutting off a ﾞ/ﾟ. */
export function bankField(name: string): string {
  let field = bankFields.get(name);
  if (field === undefined) {
    field = fitZengin(toZenginKana(name).replace(/[^ｱ-ﾝﾞﾟ0-9A-Z \-]/g, ''), 15);
    if (bankFields.size < 10_000) bankFields.set(name, field);
  }
  return field;
}

/** Converted bank and branch names: a batch names the same few banks thousands of times. */
const bankFields = new Map<string, string>();

export function headerRecord(h: TransferHeader): string {
  const mmdd = /^\d{4}-(\d{2})-(\d{2})$/.exec(h.transferDate);
  if (!mmdd) throw new ZenginFileError(`transferDate must be YYYY-MM-DD, got ${h.transferDate}`);
  return (
    '1' +
    '21' +
    '0' +
    exact(h.requesterCode, 10, 'requesterCode') +
    text(h.requesterName, 40, 'requesterName') +
    mmdd[1] +
    mmdd[2] +
    exact(h.bankCode, 4, 'bankCode') +
    text(bankField(h.bankName), 15, 'bankName') +
    exact(h.branchCode, 3, 'branchCode') +
    text(bankField(h.branchName), 15, 'branchName') +
    String(h.accountType) +
    exact(h.accountNumber, 7, 'accountNumber') +
    ' '.repeat(17)
  );
}

export function dataRecord(r: TransferRecord): string {
  if (r.amount <= 0n) throw new ZenginFileError(`amount must be positive, got ${r.amount}`);
  return (
    '2' +
    exact(r.bankCode, 4, 'bankCode') +
    text(bankField(r.bankName), 15, 'bankName') +
    exact(r.branchCode, 3, 'branchCode') +
    text(bankField(r.branchName), 15, 'branchName') +
    '0000' + // 手形交換所番号: unused
    String(r.accountType) +
    exact(r.accountNumber, 7, 'accountNumber') +
    text(r.recipientName, 30, 'recipientName') +
    digits(r.amount, 10, 'amount') +
    '0' + // 新規コード: その他
    digits(r.customerCode1 ?? '0', 10, 'customerCode1') +
    digits(r.customerCode2 ?? '0', 10, 'customerCode2') +
    '7' + // 振込指定区分: テレ振込 (電信)
    ' ' + // 識別表示: 顧客コード, not EDI
    ' '.repeat(7)
  );
}

export function trailerRecord(count: number, total: bigint): string {
  return '8' + digits(count, 6, 'count') + digits(total, 12, 'total') + ' '.repeat(101);
}

export function endRecord(): string {
  return '9' + ' '.repeat(119);
}

/** JIS X 0201 bytes (as Shift_JIS writes them): ASCII as is, half-width katakana U+FF61–FF9F as 0xA1–0xDF. */
export function jisX0201(record: string): Buffer {
  const bytes = Buffer.alloc(record.length);
  for (let i = 0; i < record.length; i++) {
    const c = record.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) bytes[i] = c;
    else if (c >= 0xff61 && c <= 0xff9f) bytes[i] = c - 0xff61 + 0xa1;
    else throw new ZenginFileError(`character ${record[i]} is not in JIS X 0201`);
  }
  return bytes;
}

/** The whole file: header, one data record per transfer, trailer with count and total, end. */
export function zenginTransferFile(header: TransferHeader, records: readonly TransferRecord[], lineEnding: LineEnding = 'CRLF'): Buffer {
  if (records.length === 0) throw new ZenginFileError('a transfer file needs at least one record');
  const total = records.reduce((sum, r) => sum + r.amount, 0n);
  const lines = [headerRecord(header), ...records.map(dataRecord), trailerRecord(records.length, total), endRecord()];
  const separator = lineEnding === 'CRLF' ? '\r\n' : lineEnding === 'LF' ? '\n' : '';
  const parts: Buffer[] = [];
  for (const line of lines) {
    const bytes = jisX0201(line);
    if (bytes.length !== RECORD_LENGTH) throw new ZenginFileError(`record of ${bytes.length} bytes, not ${RECORD_LENGTH}`);
    parts.push(bytes);
    if (separator) parts.push(Buffer.from(separator, 'ascii'));
  }
  return Buffer.concat(parts);
}
