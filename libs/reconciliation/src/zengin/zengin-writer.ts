import { toEraDate } from './zengin-fields.js';

/**
 * Writes 入出金取引明細 (種別 03) files: for the demo statement and the tests' byte-level fixtures.
 * Text is expected in the Zengin set already (half-width kana, digits, A–Z); it is cut or padded
 * to its field.
 */
export interface DetailLine {
  reference: string;
  bookedOn: string;
  direction: 'IN' | 'OUT';
  /** 取引区分, 11 振込 by default. */
  transactionType?: string;
  amount: bigint;
  payerName?: string;
  payerCode?: string;
  memo?: string;
}

export interface DetailAccount {
  bankCode: string;
  bankName: string;
  branchCode: string;
  branchName: string;
  accountType?: string;
  accountNumber: string;
  accountName: string;
  from: string;
  to: string;
  opening: bigint;
  lines: DetailLine[];
}

const pad = (value: string, width: number) => value.slice(0, width).padEnd(width, ' ');
const num = (value: bigint | number | string, width: number) => String(value).padStart(width, '0');

export function headerRecord03(a: DetailAccount, createdOn = a.to): string {
  return (
    '1' + '03' + '0' + toEraDate(createdOn) + toEraDate(a.from) + toEraDate(a.to) + num(a.bankCode, 4) + pad(a.bankName, 15) + num(a.branchCode, 3) +
    pad(a.branchName, 15) + '000' + (a.accountType ?? '1') + num(a.accountNumber, 10) + pad(a.accountName, 40) + (a.opening < 0n ? '2' : '1') + '1' +
    num(a.opening < 0n ? -a.opening : a.opening, 14)
  ).padEnd(200, ' ');
}

export function dataRecord03(l: DetailLine): string {
  return (
    '2' + pad(l.reference, 8) + toEraDate(l.bookedOn) + toEraDate(l.bookedOn) + (l.direction === 'IN' ? '1' : '2') + (l.transactionType ?? '11') + num(l.amount, 12) +
    num(0, 12) + '000000' + '000000' + ' ' + '0000000' + '000' + pad(l.payerCode ?? '', 10) + pad(l.payerName ?? '', 48) + pad('', 15) + pad('', 15) + pad(l.memo ?? '', 20) + pad('', 20)
  ).padEnd(200, ' ');
}

export function trailerRecord03(a: DetailAccount): string {
  const credits = a.lines.filter((l) => l.direction === 'IN');
  const debits = a.lines.filter((l) => l.direction === 'OUT');
  const sum = (ls: DetailLine[]) => ls.reduce((s, l) => s + l.amount, 0n);
  const closing = a.opening + sum(credits) - sum(debits);
  return (
    '8' + num(credits.length, 6) + num(sum(credits), 13) + num(debits.length, 6) + num(sum(debits), 13) + (closing < 0n ? '2' : '1') + num(closing < 0n ? -closing : closing, 14) + num(a.lines.length, 7)
  ).padEnd(200, ' ');
}

/** The records of a whole file (without separators): each account, then the end record. */
export function records03(accounts: DetailAccount[]): string[] {
  const out: string[] = [];
  for (const a of accounts) out.push(headerRecord03(a), ...a.lines.map(dataRecord03), trailerRecord03(a));
  out.push(('9' + num(out.length, 10) + num(accounts.length, 5)).padEnd(200, ' '));
  return out;
}

/** Text of one byte per character (JIS X 0201) to Shift_JIS bytes. */
export function zenginBytes(text: string): Buffer {
  const out = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    out[i] = c >= 0xff61 && c <= 0xff9f ? c - 0xff61 + 0xa1 : c;
  }
  return out;
}

/** A 03 file as bytes, records joined by `separator` (CR LF by default). */
export function transactionDetailsFile(accounts: DetailAccount[], separator = '\r\n'): Buffer {
  return zenginBytes(records03(accounts).join(separator) + separator);
}
