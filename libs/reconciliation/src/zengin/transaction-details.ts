import { refuse, type ParsedAccount, type ParsedLine } from '../statement-format.js';
import { code, eraDate, field, number, text } from './zengin-fields.js';
import type { AccountBlock } from './zengin-file.js';
import type { ZenginRecord } from './zengin-records.js';

const TRANSACTION_TYPES = ['10', '11', '12', '13', '14', '15', '18', '19'];

/** 入出金取引明細 (種別 03), one account: header, lines, trailer, with every check. */
export function parseTransactionDetails(block: AccountBlock): ParsedAccount {
  const { header, trailer } = block;
  const sign = (record: ZenginRecord, at: number) => (code(record, at, ['1', '2'], '貸越区分 / overdraft flag') === '2' ? -1n : 1n);
  const opening = sign(header, 114) * number(header, 116, 129, '取引前残高 / opening balance');
  const lines = block.data.map(line);
  const credits = lines.filter((l) => l.direction === 'IN');
  const debits = lines.filter((l) => l.direction === 'OUT');
  const sum = (ls: ParsedLine[]) => ls.reduce((a, l) => a + l.amount, 0n);
  const check = (name: [string, string], stated: bigint, actual: bigint, reason: 'TRAILER_COUNT' | 'TRAILER_TOTAL') => {
    if (stated !== actual) refuse(trailer.line, reason, `トレーラの${name[0]} ${stated} が明細の ${actual} と合いません`, `The trailer's ${name[1]} ${stated} does not equal the lines' ${actual}`);
  };
  check(['入金件数', 'credit count'], number(trailer, 2, 7, '入金件数'), BigInt(credits.length), 'TRAILER_COUNT');
  check(['入金額合計', 'credit total'], number(trailer, 8, 20, '入金額合計'), sum(credits), 'TRAILER_TOTAL');
  check(['出金件数', 'debit count'], number(trailer, 21, 26, '出金件数'), BigInt(debits.length), 'TRAILER_COUNT');
  check(['出金額合計', 'debit total'], number(trailer, 27, 39, '出金額合計'), sum(debits), 'TRAILER_TOTAL');
  const closing = sign(trailer, 40) * number(trailer, 41, 54, '取引後残高 / closing balance');
  if (field(trailer, 55, 61).trim() !== '') check(['データ件数', 'line count'], number(trailer, 55, 61, 'データ件数'), BigInt(lines.length), 'TRAILER_COUNT');
  if (opening + sum(credits) - sum(debits) !== closing) {
    refuse(
      trailer.line,
      'BALANCE',
      `取引後残高 ${closing} が取引前残高 ${opening} + 入金 ${sum(credits)} − 出金 ${sum(debits)} と合いません`,
      `The closing balance ${closing} is not the opening balance ${opening} + credits ${sum(credits)} − debits ${sum(debits)}`,
    );
  }
  return {
    headerLine: header.line,
    bankCode: number(header, 23, 26, '銀行コード').toString().padStart(4, '0'),
    branchCode: number(header, 42, 44, '支店コード').toString().padStart(3, '0'),
    accountType: field(header, 63, 63),
    accountNumber: accountNumber(header, 64, 73),
    accountName: text(header, 74, 113),
    from: eraDate(header, 11, 16, '勘定日(自) / from'),
    to: eraDate(header, 17, 22, '勘定日(至) / to'),
    openingBalance: opening,
    closingBalance: closing,
    lines,
  };
}

function line(record: ZenginRecord): ParsedLine {
  const direction = code(record, 22, ['1', '2'], '入払区分 / in or out') === '1' ? 'IN' : 'OUT';
  const type = field(record, 23, 24);
  if (!TRANSACTION_TYPES.includes(type)) {
    refuse(record.line, 'FIELD', `取引区分 "${type}" は ${TRANSACTION_TYPES.join(', ')} のいずれでもありません`, `Transaction type "${type}" is none of ${TRANSACTION_TYPES.join(', ')}`);
  }
  return {
    line: record.line,
    reference: text(record, 2, 9).trim(),
    bookedOn: eraDate(record, 10, 15, '勘定日 / booked on')!,
    valueOn: eraDate(record, 16, 21, '預入・払出日 / value date', true),
    direction,
    kind: type === '19' ? 'CORRECTION' : 'NORMAL',
    transactionType: type,
    amount: number(record, 25, 36, '取引金額 / amount'),
    payerCode: text(record, 72, 81).trim(),
    payerName: text(record, 82, 129).trim(),
    remitterBank: text(record, 130, 144).trim(),
    remitterBranch: text(record, 145, 159).trim(),
    memo: text(record, 160, 179).trim(),
    edi: text(record, 180, 199).trim(),
  };
}

/** 03 carries the account number in 10 digits; the bank's 7-digit number is its last seven. */
export function accountNumber(record: ZenginRecord, from: number, to: number): string {
  const digits = number(record, from, to, '口座番号 / account number').toString();
  return digits.padStart(7, '0');
}
