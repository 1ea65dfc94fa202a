import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { buildSettlementStatement, settlementStatementCsv, type InterBookMovement } from './settlement-statement.js';
import { RecognitionPolicy } from '#dues';

const branch = { id: 'b1', code: 'TKY', nameJa: '東京支部', nameEn: 'Tokyo branch' };

describe('settlement statement', () => {
  const movements: InterBookMovement[] = [
    { entryId: 'e2', entryDate: '2026-04-20', source: 'SETTLEMENT', memo: '4月精算', account: 'DUE_TO', side: 'DEBIT', amount: 1500n },
    { entryId: 'e1', entryDate: '2026-04-05', source: 'INVOICE', memo: '会費 連合会分', account: 'DUE_TO', side: 'CREDIT', amount: 1000n },
    { entryId: 'e3', entryDate: '2026-04-25', source: 'PAYMENT', memo: 'カード会費 支部分', account: 'DUE_FROM', side: 'DEBIT', amount: 300n },
  ];
  const statement = buildSettlementStatement({
    branch,
    from: '2026-04-01',
    to: '2026-04-30',
    currency: 'JPY',
    opening: { owedToFederation: 2000n, owedByFederation: 0n },
    movements,
    federation: { dueFromBranch: 1500n, dueToBranch: 300n },
  });

  it('walks from the opening to the closing balance, date by date', () => {
    expect(statement.opening.net).toBe(2000n);
    expect(statement.lines.map((l) => [l.date, l.kind, l.change, l.balance])).toEqual([
      ['2026-04-05', 'ACCRUAL', 1000n, 3000n],
      ['2026-04-20', 'SETTLEMENT', -1500n, 1500n],
      ['2026-04-25', 'ACCRUAL', -300n, 1200n],
    ]);
    expect(statement.closing).toEqual({ owedToFederation: 1500n, owedByFederation: 300n, net: 1200n });
    expect(statement.accrued).toBe(700n);
    expect(statement.settled).toBe(1500n);
    expect(statement.federationView).toEqual({ dueFromBranch: 1500n, dueToBranch: 300n, agrees: true });
  });

  it('writes a CSV Excel opens: BOM, bilingual header, opening and closing rows', () => {
    const csv = settlementStatementCsv(statement);
    expect(csv.startsWith('\uFEFF支部 / Branch,日付 / Date,区分 / Kind,摘要 / Description,')).toBe(true);
    const rows = csv.slice(1).split('\r\n');
    expect(rows[0].endsWith(',仕訳ID / Journal entry ID,計上基準 / Basis')).toBe(true);
    // A statement that does not say its basis is on the default one (on receipt).
    expect(rows[1]).toBe('TKY,2026-04-01,期首残高 / Opening balance,東京支部 / Tokyo branch,,2000,JPY,,現金主義（受領時） / on receipt');
    expect(rows[2]).toBe('TKY,2026-04-05,計上 / Accrued,会費 連合会分,1000,3000,JPY,e1,現金主義（受領時） / on receipt');
    expect(rows[3]).toBe('TKY,2026-04-20,精算 / Settlement,4月精算,-1500,1500,JPY,e2,現金主義（受領時） / on receipt');
    expect(rows[5]).toBe('TKY,2026-04-30,期末残高 / Closing balance,,,1200,JPY,,現金主義（受領時） / on receipt');
    expect(rows[6]).toBe('');
  });

  it('says on every row which basis the branch book keeps dues on, on receipt or accrual', () => {
    const column = (csv: string) => csv.slice(1).split('\r\n').filter(Boolean).slice(1).map((row) => row.split(',').at(-1));
    expect(new Set(column(settlementStatementCsv({ ...statement, recognition: RecognitionPolicy.ON_RECEIPT })))).toEqual(new Set(['現金主義（受領時） / on receipt']));
    expect(new Set(column(settlementStatementCsv({ ...statement, recognition: RecognitionPolicy.ACCRUAL })))).toEqual(new Set(['発生主義 / accrual']));
  });

  it('flags a federation book that does not mirror the branch book', () => {
    const s = buildSettlementStatement({ branch, from: '2026-04-01', to: '2026-04-30', currency: 'JPY', opening: { owedToFederation: 10n, owedByFederation: 0n }, movements: [], federation: { dueFromBranch: 9n, dueToBranch: 0n } });
    expect(s.federationView?.agrees).toBe(false);
  });

  it('property: closing = opening + accrued − settled, and the last line shows the closing balance', () => {
    const movement = fc.record({
      entryId: fc.uuid(),
      entryDate: fc.constantFrom('2026-04-01', '2026-04-15', '2026-04-30'),
      source: fc.constantFrom('INVOICE', 'SETTLEMENT', 'PAYMENT', 'MANUAL'),
      memo: fc.string(),
      account: fc.constantFrom('DUE_TO' as const, 'DUE_FROM' as const),
      side: fc.constantFrom('DEBIT' as const, 'CREDIT' as const),
      amount: fc.bigInt({ min: 1n, max: 10n ** 9n }),
    });
    fc.assert(
      fc.property(fc.array(movement, { maxLength: 20 }), fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.bigInt({ min: 0n, max: 10n ** 9n }), (ms, to, by) => {
        const s = buildSettlementStatement({ branch, from: '2026-04-01', to: '2026-04-30', currency: 'JPY', opening: { owedToFederation: to, owedByFederation: by }, movements: ms });
        expect(s.closing.net).toBe(s.opening.net + s.accrued - s.settled);
        expect(s.lines.at(-1)?.balance ?? s.opening.net).toBe(s.closing.net);
        expect(s.lines.reduce((a, l) => a + l.change, 0n)).toBe(s.closing.net - s.opening.net);
      }),
    );
  });
});
