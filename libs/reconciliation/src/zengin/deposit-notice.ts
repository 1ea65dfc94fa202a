import { refuse, type ParsedAccount, type ParsedLine } from '../statement-format.js';
import { eraDate, field, number, text } from './zengin-fields.js';
import type { AccountBlock } from './zengin-file.js';
import type { ZenginRecord } from './zengin-records.js';
import { accountNumber } from './transaction-details.js';

/**
 * 振込入金通知 (種別 01), one account. Data layout A carries the amount at 20–29; layout B
 * (recognised by 24 digits at 129–152 and zero at 20–29) at 129–140 in 12 digits. A 取消 line
 * (取消区分 1) is kept as a CANCELLATION of the notice with the same 照会番号.
 * The trailer's count and total are accepted gross (every line) or net of the cancelled ones,
 * as banks differ; its cancelled count and total must match exactly.
 */
export function parseDepositNotices(block: AccountBlock): ParsedAccount {
  const { header, trailer } = block;
  const lines = block.data.map(line);
  const cancelled = lines.filter((l) => l.kind === 'CANCELLATION');
  const sum = (ls: ParsedLine[]) => ls.reduce((a, l) => a + l.amount, 0n);
  const count = number(trailer, 2, 7, '件数 / count');
  const total = number(trailer, 8, 19, '合計金額 / total');
  const cancelledCount = field(trailer, 20, 25).trim() === '' ? 0n : number(trailer, 20, 25, '取消件数');
  const cancelledTotal = field(trailer, 26, 37).trim() === '' ? 0n : number(trailer, 26, 37, '取消金額');
  const grossOk = count === BigInt(lines.length) && total === sum(lines);
  const netOk = count === BigInt(lines.length - cancelled.length) && total === sum(lines) - sum(cancelled);
  if (!grossOk && !netOk) {
    const reason = count === BigInt(lines.length) || count === BigInt(lines.length - cancelled.length) ? 'TRAILER_TOTAL' : 'TRAILER_COUNT';
    refuse(
      trailer.line,
      reason,
      `トレーラの件数・合計金額 ${count} 件 / ${total} が明細の ${lines.length} 件 / ${sum(lines)} と合いません`,
      `The trailer's count and total ${count} / ${total} do not match the lines' ${lines.length} / ${sum(lines)}`,
    );
  }
  if (cancelledCount !== BigInt(cancelled.length) || cancelledTotal !== sum(cancelled)) {
    refuse(trailer.line, 'TRAILER_COUNT', `取消件数・取消金額 ${cancelledCount} / ${cancelledTotal} が明細と合いません`, `The cancelled count and total ${cancelledCount} / ${cancelledTotal} do not match the lines`);
  }
  return {
    headerLine: header.line,
    bankCode: number(header, 23, 26, '銀行コード').toString().padStart(4, '0'),
    branchCode: number(header, 42, 44, '支店コード').toString().padStart(3, '0'),
    accountType: field(header, 60, 60),
    accountNumber: accountNumber(header, 61, 67),
    accountName: text(header, 68, 107),
    from: eraDate(header, 11, 16, '勘定日(自) / from'),
    to: eraDate(header, 17, 22, '勘定日(至) / to'),
    openingBalance: null,
    closingBalance: null,
    lines,
  };
}

function line(record: ZenginRecord): ParsedLine {
  const layoutB = /^[0-9]{24}$/.test(field(record, 129, 152)) && /^0{10}$/.test(field(record, 20, 29));
  const cancel = field(record, 128, 128);
  if (cancel !== ' ' && cancel !== '0' && cancel !== '1') refuse(record.line, 'FIELD', `取消区分 "${cancel}" が不正です`, `Cancellation flag "${cancel}" is not blank, 0 or 1`);
  return {
    line: record.line,
    reference: text(record, 2, 7).trim(),
    bookedOn: eraDate(record, 8, 13, '勘定日 / booked on')!,
    valueOn: eraDate(record, 14, 19, '起算日 / value date', true),
    direction: 'IN',
    kind: cancel === '1' ? 'CANCELLATION' : 'NORMAL',
    transactionType: null,
    amount: layoutB ? number(record, 129, 140, '金額(2) / amount') : number(record, 20, 29, '金額 / amount'),
    payerCode: text(record, 40, 49).trim(),
    payerName: text(record, 50, 97).trim(),
    remitterBank: text(record, 98, 112).trim(),
    remitterBranch: text(record, 113, 127).trim(),
    memo: '',
    edi: layoutB ? text(record, 153, 172).trim() : text(record, 129, 148).trim(),
  };
}
