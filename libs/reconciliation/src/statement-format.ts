/**
 * What every statement parser (Zengin 01 / 03, bank CSV) produces: accounts with their lines,
 * and the one error type a file that does not parse or does not add up is refused with.
 */

export type LineDirection = 'IN' | 'OUT';
/** NORMAL money; CORRECTION a 取引区分 19 (訂正) line; CANCELLATION an 01 取消 notice. */
export type LineKind = 'NORMAL' | 'CORRECTION' | 'CANCELLATION';

export interface ParsedLine {
  /** 1-based physical record (Zengin) or row (CSV) in the file. */
  line: number;
  /** 照会番号, or '' when the source has none. */
  reference: string;
  /** 勘定日, YYYY-MM-DD. */
  bookedOn: string;
  /** 起算日 / 預入・払出日, YYYY-MM-DD, when given. */
  valueOn: string | null;
  direction: LineDirection;
  kind: LineKind;
  /** 取引区分 (10 現金, 11 振込, 14 振替, 19 訂正 …) or null. */
  transactionType: string | null;
  amount: bigint;
  payerCode: string;
  payerName: string;
  remitterBank: string;
  remitterBranch: string;
  memo: string;
  edi: string;
}

export interface ParsedAccount {
  /** The line of the account's header (Zengin) or 1 (CSV). */
  headerLine: number;
  bankCode: string | null;
  branchCode: string | null;
  /** 1 普通, 2 当座, 4 貯蓄 … */
  accountType: string | null;
  /** The account number without leading zeros beyond 7 digits (03 carries 10). */
  accountNumber: string | null;
  accountName: string;
  from: string | null;
  to: string | null;
  openingBalance: bigint | null;
  closingBalance: bigint | null;
  lines: ParsedLine[];
}

export interface ParsedStatement {
  format: 'ZENGIN_03' | 'ZENGIN_01' | 'CSV';
  accounts: ParsedAccount[];
}

export type FormatReason =
  | 'EMPTY_FILE'
  | 'NOT_SHIFT_JIS'
  | 'RECORD_LENGTH'
  | 'INVALID_CHARACTER'
  | 'RECORD_ORDER'
  | 'UNKNOWN_RECORD'
  | 'UNKNOWN_FORMAT'
  | 'NUMBER'
  | 'DATE'
  | 'FIELD'
  | 'TRAILER_COUNT'
  | 'TRAILER_TOTAL'
  | 'BALANCE'
  | 'END_RECORD'
  | 'CSV_COLUMNS'
  | 'CSV_AMOUNT';

/** A file refused: the line (record or row) where it went wrong and why, in both languages. */
export class StatementFormatError extends Error {
  override name = 'StatementFormatError';
  constructor(
    readonly line: number,
    readonly reason: FormatReason,
    readonly ja: string,
    readonly en: string,
  ) {
    super(`line ${line}: ${en}`);
  }
}

export const refuse = (line: number, reason: FormatReason, ja: string, en: string): never => {
  throw new StatementFormatError(line, reason, ja, en);
};
