import { describe, expect, it } from '@jest/globals';
import { RECORD_LENGTH, ZenginFileError, dataRecord, zenginTransferFile, type TransferHeader, type TransferRecord } from './zengin-transfer-file.js';

/** The test's own JIS X 0201 encoding: half-width kana U+FF61–FF9F are bytes 0xA1–0xDF. */
const sjis = (s: string) => Buffer.from([...s].map((c) => (c.charCodeAt(0) >= 0xff61 ? c.charCodeAt(0) - 0xfec0 : c.charCodeAt(0))));

const header: TransferHeader = {
  requesterCode: '0000012345',
  requesterName: 'ｻﾞｲ)ﾚﾝﾀｲｻﾞｲﾀﾞﾝ',
  transferDate: '2026-07-01',
  bankCode: '0005',
  bankName: 'ミツビシユーエフジエイ',
  branchCode: '001',
  branchName: 'トウキヨウ',
  accountType: 1,
  accountNumber: '1234567',
};
const records: TransferRecord[] = [
  { bankCode: '0001', bankName: 'ミズホ', branchCode: '004', branchName: 'マルノウチチユウオウ', accountType: 1, accountNumber: '0012345', recipientName: 'ｶ)ｹｱｽｸ-ﾙﾄｳｷﾖｳ', amount: 120000n, customerCode1: '26000001' },
  { bankCode: '9900', bankName: 'アイウエオカキクケコサシスセゾ', branchCode: '123', branchName: 'ホンテン', accountType: 2, accountNumber: '7654321', recipientName: 'ﾔﾏﾀﾞ ﾊﾅｺ', amount: 9800n },
];

// Worked out by hand, field by field (positions are 1-based bytes).
const expectedHeader =
  '1' + '21' + '0' + '0000012345' + // 1 · 2–3 · 4 · 5–14
  'ｻﾞｲ)ﾚﾝﾀｲｻﾞｲﾀﾞﾝ' + ' '.repeat(40 - 14) + // 15–54 依頼人名 (14 characters: ｻﾞ and ﾀﾞ are two each)
  '0701' + // 55–58 取組日 MMDD
  '0005' + 'ﾐﾂﾋﾞｼﾕ-ｴﾌｼﾞｴｲ' + ' '.repeat(15 - 13) + // 59–62, 63–77 (ー written -)
  '001' + 'ﾄｳｷﾖｳ' + ' '.repeat(10) + // 78–80, 81–95
  '1' + '1234567' + ' '.repeat(17); // 96, 97–103, 104–120
const expectedData1 =
  '2' + '0001' + 'ﾐｽﾞﾎ' + ' '.repeat(11) + // 1, 2–5, 6–20
  '004' + 'ﾏﾙﾉｳﾁﾁﾕｳｵｳ' + ' '.repeat(5) + // 21–23, 24–38
  '0000' + '1' + '0012345' + // 39–42 手形交換所 (unused: 0), 43 普通, 44–50
  'ｶ)ｹｱｽｸ-ﾙﾄｳｷﾖｳ' + ' '.repeat(30 - 13) + // 51–80 受取人名
  '0000120000' + '0' + '0026000001' + '0000000000' + // 81–90 金額, 91 新規コード, 92–101, 102–111
  '7' + ' ' + ' '.repeat(7); // 112 テレ振込, 113 識別表示, 114–120
const expectedData2 =
  '2' + '9900' + 'ｱｲｳｴｵｶｷｸｹｺｻｼｽｾ' + ' ' + // the 15th character would be ｿ without its ﾞ: cut before it
  '123' + 'ﾎﾝﾃﾝ' + ' '.repeat(11) +
  '0000' + '2' + '7654321' +
  'ﾔﾏﾀﾞ ﾊﾅｺ' + ' '.repeat(30 - 8) +
  '0000009800' + '0' + '0000000000' + '0000000000' + '7' + ' ' + ' '.repeat(7);
const expectedTrailer = '8' + '000002' + '000000129800' + ' '.repeat(101);
const expectedEnd = '9' + ' '.repeat(119);

describe('Zengin 総合振込 file', () => {
  it('is byte for byte the file worked out by hand: 120-byte records, JIS X 0201, CR LF', () => {
    for (const r of [expectedHeader, expectedData1, expectedData2, expectedTrailer, expectedEnd]) expect(r.length).toBe(RECORD_LENGTH);
    const expected = Buffer.concat([expectedHeader, expectedData1, expectedData2, expectedTrailer, expectedEnd].flatMap((r) => [sjis(r), Buffer.from('\r\n')]));
    const file = zenginTransferFile(header, records);
    expect(file.length).toBe(5 * 122);
    expect(file.equals(expected)).toBe(true);
    // ﾐｽﾞﾎ in Shift_JIS: D0 BD DE CE, at bytes 6–9 of the first data record (record 2 starts at 122).
    expect([...file.subarray(122 + 5, 122 + 9)]).toEqual([0xd0, 0xbd, 0xde, 0xce]);
  });

  it('writes LF or no separator when asked', () => {
    expect(zenginTransferFile(header, records, 'LF').length).toBe(5 * 121);
    const bare = zenginTransferFile(header, records, 'NONE');
    expect(bare.length).toBe(600);
    expect(bare.subarray(480, 481).toString()).toBe('9');
  });

  it('refuses what would make a record the wrong length or an invalid byte', () => {
    expect(() => dataRecord({ ...records[0], recipientName: 'ｱ'.repeat(31) })).toThrow(ZenginFileError);
    expect(() => dataRecord({ ...records[0], accountNumber: '123456' })).toThrow(ZenginFileError);
    expect(() => dataRecord({ ...records[0], amount: 10_000_000_000n })).toThrow(ZenginFileError);
    expect(() => dataRecord({ ...records[0], amount: 0n })).toThrow(ZenginFileError);
    expect(() => zenginTransferFile({ ...header, requesterName: '財団' }, records)).toThrow(ZenginFileError);
    expect(() => zenginTransferFile(header, [])).toThrow(ZenginFileError);
  });
});
