import { refuse, type ParsedAccount, type ParsedStatement } from '../statement-format.js';
import { field, number } from './zengin-fields.js';
import { zenginRecords, type ZenginRecord } from './zengin-records.js';
import { parseDepositNotices } from './deposit-notice.js';
import { parseTransactionDetails } from './transaction-details.js';

/** One account's records: its header, data and trailer. */
export interface AccountBlock {
  header: ZenginRecord;
  data: ZenginRecord[];
  trailer: ZenginRecord;
}

/**
 * Reads a Zengin 入出金取引明細 (種別 03) or 振込入金通知 (種別 01) file: one or several accounts
 * (header 1, data 2, trailer 8) and the end record 9. The 種別 of the first header decides; every
 * count, total and (03) balance is checked, and a file that does not add up is refused whole.
 */
export function parseZenginStatement(bytes: Uint8Array): ParsedStatement {
  const records = zenginRecords(bytes);
  const blocks = accountBlocks(records);
  const kind = field(blocks[0].header, 2, 3);
  for (const block of blocks) {
    if (field(block.header, 2, 3) !== kind) {
      refuse(block.header.line, 'RECORD_ORDER', `種別 ${field(block.header, 2, 3)} の口座が種別 ${kind} のファイルに混在しています`, `An account of kind ${field(block.header, 2, 3)} in a file of kind ${kind}`);
    }
  }
  let accounts: ParsedAccount[];
  if (kind === '03') accounts = blocks.map(parseTransactionDetails);
  else if (kind === '01') accounts = blocks.map(parseDepositNotices);
  else return refuse(blocks[0].header.line, 'UNKNOWN_FORMAT', `種別 ${kind} は取り込めません (03 入出金取引明細、01 振込入金通知のみ)`, `Kind ${kind} cannot be imported (only 03 transaction details and 01 deposit notices)`);
  return { format: kind === '03' ? 'ZENGIN_03' : 'ZENGIN_01', accounts };
}

/** Groups records into accounts and checks their order and the end record. */
export function accountBlocks(records: ZenginRecord[]): AccountBlock[] {
  const blocks: AccountBlock[] = [];
  let current: { header: ZenginRecord; data: ZenginRecord[] } | null = null;
  let ended: ZenginRecord | null = null;
  const outOfOrder = (record: ZenginRecord, what: string, en: string): never =>
    refuse(record.line, 'RECORD_ORDER', `レコード区分 ${record.text[0]} の位置が不正です: ${what}`, `Record type ${record.text[0]} out of order: ${en}`);
  for (const record of records) {
    if (ended) outOfOrder(record, 'エンドレコードの後にレコードがあります', 'a record after the end record');
    switch (record.text[0]) {
      case '1':
        if (current) outOfOrder(record, 'トレーラなしで次のヘッダーが始まっています', 'a header before the previous account’s trailer');
        current = { header: record, data: [] };
        break;
      case '2':
        if (!current) outOfOrder(record, 'ヘッダーの前にデータがあります', 'data before any header');
        current!.data.push(record);
        break;
      case '8':
        if (!current) outOfOrder(record, 'ヘッダーのないトレーラです', 'a trailer without a header');
        blocks.push({ ...current!, trailer: record });
        current = null;
        break;
      case '9':
        if (current) outOfOrder(record, 'トレーラの前にエンドレコードがあります', 'the end record before the trailer');
        ended = record;
        break;
      default:
        refuse(record.line, 'UNKNOWN_RECORD', `データ区分 "${record.text[0]}" は 1, 2, 8, 9 のいずれでもありません`, `Record type "${record.text[0]}" is none of 1, 2, 8, 9`);
    }
  }
  const last = records[records.length - 1];
  if (current) outOfOrder(last, 'トレーラがありません', 'the last account has no trailer');
  if (!ended) refuse(last.line, 'END_RECORD', 'エンドレコード (9) がありません', 'The end record (9) is missing');
  checkEnd(ended!, records.length, blocks.length);
  return blocks;
}

/**
 * 03's end record counts the records (2–11) and accounts (12–16). Banks differ on whether the end
 * record counts itself, so both are accepted; 01's end record is "9" and blanks.
 */
function checkEnd(end: ZenginRecord, total: number, accounts: number): void {
  if (field(end, 2, 16).trim() === '') return;
  const records = number(end, 2, 11, 'レコード総件数 / record count');
  const count = number(end, 12, 16, '口座数 / account count');
  if (records !== BigInt(total) && records !== BigInt(total - 1)) {
    refuse(end.line, 'END_RECORD', `エンドレコードのレコード総件数 ${records} が実際の ${total - 1} 件と合いません`, `The end record counts ${records} records; the file has ${total - 1}`);
  }
  if (count !== BigInt(accounts)) refuse(end.line, 'END_RECORD', `エンドレコードの口座数 ${count} が実際の ${accounts} と合いません`, `The end record counts ${count} accounts; the file has ${accounts}`);
}
