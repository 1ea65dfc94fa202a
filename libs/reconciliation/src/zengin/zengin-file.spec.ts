import { describe, expect, it } from '@jest/globals';
import { StatementFormatError } from '../statement-format.js';
import { parseZenginStatement } from './zengin-file.js';
import { records03, transactionDetailsFile, zenginBytes, type DetailAccount } from './zengin-writer.js';

const account = (over: Partial<DetailAccount> = {}): DetailAccount => ({
  bankCode: '0001',
  bankName: 'ﾐｽﾞﾎ',
  branchCode: '001',
  branchName: 'ﾄｳｷﾖｳ',
  accountNumber: '1234567',
  accountName: 'ﾚﾝﾀｲ ﾄｳｷﾖｳｼﾌﾞ',
  from: '2026-04-01',
  to: '2026-04-30',
  opening: 100000n,
  lines: [
    { reference: '00000001', bookedOn: '2026-04-03', direction: 'IN', amount: 6000n, payerName: '012345 ﾔﾏﾀﾞ ﾀﾛｳ' },
    { reference: '00000002', bookedOn: '2026-04-05', direction: 'OUT', transactionType: '18', amount: 440n, memo: 'ﾃｽｳﾘﾖｳ' },
    { reference: '00000003', bookedOn: '2026-04-07', direction: 'IN', amount: 12000n, payerName: 'ｶ)ｽｽﾞｷｼﾖｳｼﾞ' },
  ],
  ...over,
});

const refusal = (bytes: Uint8Array): StatementFormatError => {
  try {
    parseZenginStatement(bytes);
  } catch (e) {
    if (e instanceof StatementFormatError) return e;
    throw e;
  }
  throw new Error('the file was accepted');
};

describe('Zengin 03 入出金取引明細', () => {
  it('reads header, lines and trailer: amounts, era dates, payer, balances', () => {
    const parsed = parseZenginStatement(transactionDetailsFile([account()]));
    expect(parsed.format).toBe('ZENGIN_03');
    const [a] = parsed.accounts;
    expect(a).toMatchObject({ bankCode: '0001', branchCode: '001', accountNumber: '1234567', accountName: 'ﾚﾝﾀｲ ﾄｳｷﾖｳｼﾌﾞ', from: '2026-04-01', to: '2026-04-30', openingBalance: 100000n, closingBalance: 117560n });
    expect(a.lines.map((l) => [l.line, l.direction, l.amount, l.payerName, l.bookedOn])).toEqual([
      [2, 'IN', 6000n, '012345 ﾔﾏﾀﾞ ﾀﾛｳ', '2026-04-03'],
      [3, 'OUT', 440n, '', '2026-04-05'],
      [4, 'IN', 12000n, 'ｶ)ｽｽﾞｷｼﾖｳｼﾞ', '2026-04-07'],
    ]);
    expect(a.lines[1].memo).toBe('ﾃｽｳﾘﾖｳ');
  });

  it.each([
    ['CR LF', '\r\n'],
    ['LF', '\n'],
    ['CR', '\r'],
    ['no separator', ''],
  ])('reads records separated by %s the same way', (_name, separator) => {
    expect(parseZenginStatement(transactionDetailsFile([account()], separator))).toEqual(parseZenginStatement(transactionDetailsFile([account()])));
  });

  it('restores trailing blanks an editor trimmed, and ignores an EOF byte at the end', () => {
    const text = records03([account()]).map((r) => r.trimEnd()).join('\r\n') + '\r\n\x1a';
    expect(parseZenginStatement(zenginBytes(text))).toEqual(parseZenginStatement(transactionDetailsFile([account()])));
  });

  it('reads several accounts before one end record', () => {
    const second = account({ accountNumber: '7654321', opening: 0n, lines: [{ reference: '1', bookedOn: '2026-04-10', direction: 'IN', amount: 3000n, payerName: 'ｻﾄｳ ﾊﾅｺ' }] });
    const parsed = parseZenginStatement(transactionDetailsFile([account(), second]));
    expect(parsed.accounts.map((a) => [a.accountNumber, a.lines.length, a.closingBalance])).toEqual([
      ['1234567', 3, 117560n],
      ['7654321', 1, 3000n],
    ]);
  });

  it('keeps a 取引区分 19 (訂正) line as a correction that counts in the balance', () => {
    const lines = [...account().lines, { reference: '00000004', bookedOn: '2026-04-08', direction: 'OUT' as const, transactionType: '19', amount: 12000n, payerName: 'ｶ)ｽｽﾞｷｼﾖｳｼﾞ' }];
    const [a] = parseZenginStatement(transactionDetailsFile([account({ lines })])).accounts;
    expect(a.lines[3]).toMatchObject({ kind: 'CORRECTION', direction: 'OUT', amount: 12000n, transactionType: '19' });
    expect(a.closingBalance).toBe(105560n);
  });

  it('reads a negative (overdrawn) balance', () => {
    const [a] = parseZenginStatement(transactionDetailsFile([account({ opening: -500n, lines: [] })])).accounts;
    expect([a.openingBalance, a.closingBalance]).toEqual([-500n, -500n]);
  });
});

describe('Zengin files refused with line and reason', () => {
  const file = () => records03([account()]);
  const join = (records: string[]) => zenginBytes(records.join('\r\n'));

  it('a record longer than 200 bytes', () => {
    const r = file();
    r[2] = r[2] + 'X';
    expect(refusal(join(r))).toMatchObject({ line: 3, reason: 'RECORD_LENGTH' });
  });

  it('a separator-less file that is not a multiple of 200 bytes', () => {
    expect(refusal(zenginBytes(file().join('').slice(0, -7)))).toMatchObject({ reason: 'RECORD_LENGTH' });
  });

  it('record types out of order: data before the header, two headers, a missing trailer, a missing end record', () => {
    const r = file();
    expect(refusal(join([r[1], r[0], ...r.slice(2)]))).toMatchObject({ line: 1, reason: 'RECORD_ORDER' });
    expect(refusal(join([r[0], r[0], ...r.slice(1)]))).toMatchObject({ line: 2, reason: 'RECORD_ORDER' });
    expect(refusal(join([...r.slice(0, 4), r[5]]))).toMatchObject({ line: 5, reason: 'RECORD_ORDER' });
    expect(refusal(join(r.slice(0, 5)))).toMatchObject({ reason: 'END_RECORD' });
    expect(refusal(join([...r, r[0]]))).toMatchObject({ line: 7, reason: 'RECORD_ORDER' });
    expect(refusal(join([r[0], '7'.padEnd(200), ...r.slice(1)]))).toMatchObject({ line: 2, reason: 'UNKNOWN_RECORD' });
  });

  it('trailer counts and totals that do not match the lines', () => {
    const r = file();
    const count = [...r];
    count[4] = '8000003' + r[4].slice(7);
    expect(refusal(join(count))).toMatchObject({ line: 5, reason: 'TRAILER_COUNT' });
    const total = [...r];
    total[4] = r[4].slice(0, 7) + '0000000018001' + r[4].slice(20);
    expect(refusal(join(total))).toMatchObject({ line: 5, reason: 'TRAILER_TOTAL' });
  });

  it('a closing balance that is not the opening balance plus the lines', () => {
    const r = file();
    r[0] = r[0].slice(0, 115) + '00000000100001' + r[0].slice(129);
    const e = refusal(join(r));
    expect(e).toMatchObject({ line: 5, reason: 'BALANCE' });
    expect(e.ja).toContain('取引後残高');
  });

  it('characters outside the Zengin set, and a UTF-8 file', () => {
    const r = file();
    r[1] = r[1].slice(0, 81) + 'yamada'.padEnd(48) + r[1].slice(129);
    expect(refusal(join(r))).toMatchObject({ line: 2, reason: 'INVALID_CHARACTER' });
    const bytes = Buffer.from(join(file()));
    bytes[300] = 0x81;
    expect(refusal(bytes)).toMatchObject({ line: 2, reason: 'INVALID_CHARACTER' });
    expect(refusal(Buffer.from(file().join('\r\n'), 'utf8'))).toMatchObject({ reason: 'NOT_SHIFT_JIS' });
  });

  it('amounts and dates that do not parse', () => {
    const r = file();
    r[1] = r[1].slice(0, 24) + '0000000060O0' + r[1].slice(36);
    expect(refusal(join(r))).toMatchObject({ line: 2, reason: 'NUMBER' });
    const d = file();
    d[1] = d[1].slice(0, 9) + '081341' + d[1].slice(15);
    expect(refusal(join(d))).toMatchObject({ line: 2, reason: 'DATE' });
  });

  it('a kind other than 03 or 01, and an empty file', () => {
    const r = file();
    r[0] = '121' + r[0].slice(3);
    expect(refusal(join(r))).toMatchObject({ line: 1, reason: 'UNKNOWN_FORMAT' });
    expect(refusal(Buffer.from([0x1a]))).toMatchObject({ reason: 'EMPTY_FILE' });
  });
});

describe('Zengin 01 振込入金通知', () => {
  const header = ('1' + '01' + '0' + '080430' + '080401' + '080430' + '0001' + 'ﾐｽﾞﾎ'.padEnd(15) + '001' + 'ﾄｳｷﾖｳ'.padEnd(15) + '1' + '1234567' + 'ﾚﾝﾀｲ'.padEnd(40)).padEnd(200);
  const a = (ref: string, amount: number, name: string, cancel = ' ') =>
    ('2' + ref.padStart(6, '0') + '080403' + '080403' + String(amount).padStart(10, '0') + '0'.repeat(10) + ''.padEnd(10) + name.padEnd(48) + ''.padEnd(30) + cancel).padEnd(200);
  const b = (ref: string, amount: number, name: string) =>
    ('2' + ref.padStart(6, '0') + '080404' + '080404' + '0'.repeat(10) + '0'.repeat(10) + ''.padEnd(10) + name.padEnd(48) + ''.padEnd(30) + ' ' + String(amount).padStart(12, '0') + '0'.repeat(12) + 'EDI1').padEnd(200);
  const trailer = (count: number, total: number, cc = 0, ct = 0) => ('8' + String(count).padStart(6, '0') + String(total).padStart(12, '0') + String(cc).padStart(6, '0') + String(ct).padStart(12, '0')).padEnd(200);
  const end = '9'.padEnd(200);

  it('reads layout A and layout B lines of one file', () => {
    const [acc] = parseZenginStatement(zenginBytes([header, a('1', 6000, 'ﾔﾏﾀﾞ ﾀﾛｳ'), b('2', 1234567890, 'ｽｽﾞｷ'), trailer(2, 1234573890), end].join('\n'))).accounts;
    expect(acc.accountNumber).toBe('1234567');
    expect(acc.lines.map((l) => [l.reference, l.amount, l.payerName, l.edi])).toEqual([
      ['000001', 6000n, 'ﾔﾏﾀﾞ ﾀﾛｳ', ''],
      ['000002', 1234567890n, 'ｽｽﾞｷ', 'EDI1'],
    ]);
  });

  it('keeps a 取消 line as a cancellation; the trailer counts it gross or net', () => {
    const lines = [a('1', 6000, 'ﾔﾏﾀﾞ'), a('1', 6000, 'ﾔﾏﾀﾞ', '1')];
    for (const t of [trailer(2, 12000, 1, 6000), trailer(1, 6000, 1, 6000)]) {
      const [acc] = parseZenginStatement(zenginBytes([header, ...lines, t, end].join('\r\n'))).accounts;
      expect(acc.lines.map((l) => l.kind)).toEqual(['NORMAL', 'CANCELLATION']);
    }
    expect(refusal(zenginBytes([header, ...lines, trailer(2, 12000, 0, 0), end].join('\r\n')))).toMatchObject({ line: 4, reason: 'TRAILER_COUNT' });
    expect(refusal(zenginBytes([header, ...lines, trailer(2, 12001, 1, 6000), end].join('\r\n')))).toMatchObject({ line: 4, reason: 'TRAILER_TOTAL' });
  });
});
