import { describe, expect, it } from '@jest/globals';
import { LOOKUP_LIMITS, lookupsOf, memberNumbersOfDigits, type LineLookups } from './candidate-lookups.js';
import { Expectations, type ExpectedInvoice } from './expectations.js';
import { suggest, type LineToMatch } from './matcher.js';
import { nameKeys } from './payer-name.js';
import { generateLabelledStatement } from './statement-generator.js';

/**
 * What `ExpectedPayments.candidates` answers, over a list (every member in it one of the branch):
 * a key, cut key or family finding more members than its limit is crowded and finds no one; the
 * others, numbers and invoice numbers find members, and every open invoice of those is a candidate.
 */
function candidatesIn(all: ExpectedInvoice[], lookups: LineLookups, carried?: { keys: Set<string>; prefixes: Set<string>; families: Set<string> }): Expectations {
  const members = new Map<string, { number: string; key: string; family: string }>();
  for (const i of all) if (!members.has(i.memberId)) members.set(i.memberId, { number: i.memberNumber, ...nameKeys(i.memberKana) });
  const picked = new Set<string>();
  const take = (wanted: string[], test: (m: { number: string; key: string; family: string }, value: string) => boolean, limit: number): string[] => {
    const crowded: string[] = [];
    for (const value of wanted) {
      const found = [...members].filter(([, m]) => test(m, value)).map(([id]) => id);
      if (found.length > limit) crowded.push(value);
      else for (const id of found) picked.add(id);
    }
    return crowded;
  };
  take(lookups.memberNumbers, (m, v) => m.number === v, Infinity);
  for (const i of all) if (lookups.invoiceNumbers.includes(i.number)) picked.add(i.memberId);
  // Keys an earlier batch of the import found crowded are not looked up again (LineMatching.expectationsFor).
  const fresh = (values: string[], known?: Set<string>) => values.filter((v) => !known?.has(v));
  const keys = take(fresh(lookups.keys, carried?.keys), (m, v) => m.key === v, LOOKUP_LIMITS.perKey);
  const prefixes = take(fresh(lookups.prefixes, carried?.prefixes), (m, v) => m.key.startsWith(v), LOOKUP_LIMITS.perPrefix);
  const families = take(fresh(lookups.families, carried?.families), (m, v) => m.family === v, LOOKUP_LIMITS.perFamily);
  if (!carried) return new Expectations(all.filter((i) => picked.has(i.memberId)), { keys, prefixes, families });
  for (const k of keys) carried.keys.add(k);
  for (const k of prefixes) carried.prefixes.add(k);
  for (const k of families) carried.families.add(k);
  return new Expectations(all.filter((i) => picked.has(i.memberId)), carried);
}

describe('candidate lookups', () => {
  it('judge every line of a batch as all the open invoices of the branch would', () => {
    // Households are not known to ExpectedPayments (no group key): left out of both sides.
    const data = generateLabelledStatement(11, { members: 4_000, lines: 1_200 });
    const invoices: ExpectedInvoice[] = data.invoices.map((i) => ({ ...i, groupKey: null }));
    // Namesakes past the limits: 40 members of one name, 35 of one family, 25 starting alike.
    const extra = (n: number, kana: (k: number) => string, from: number) =>
      Array.from({ length: n }, (_, k): ExpectedInvoice => ({ invoiceId: `x-${from + k}`, number: `TKY-2026-${String(900_000 + from + k)}`, memberId: `xm-${from + k}`, memberNumber: `P${String(9_000_000 + from + k)}`, memberKana: kana(k), outstanding: 6000n, dueOn: '2026-04-30', groupKey: null }));
    invoices.push(...extra(40, () => 'ナカムラ ミサキ', 0), ...extra(35, (k) => `オガサワラ ${['イチロウ', 'ジロウ', 'サブロウ', 'シロウ', 'ゴロウ', 'ロクロウ', 'ナナミ'][k % 7]}${'ア'.repeat(Math.floor(k / 7))}`, 100), ...extra(25, (k) => `シミズヤマ ${'カ'.repeat(k + 1)}`, 200));
    const full = new Expectations(invoices);
    const lines: LineToMatch[] = [
      ...data.lines.map((l) => ({ direction: 'IN' as const, amount: l.amount, bookedOn: l.bookedOn, payerName: l.payerName, memo: l.memo })),
      { direction: 'IN', amount: 6000n, bookedOn: '2026-04-10', payerName: 'ﾅｶﾑﾗ ﾐｻｷ' },
      { direction: 'IN', amount: 6000n, bookedOn: '2026-04-10', payerName: 'ｵｶﾞｻﾜﾗ ｼﾞﾛｳ' },
      { direction: 'IN', amount: 6000n, bookedOn: '2026-04-10', payerName: 'ｼﾐｽﾞﾔﾏ ｶ' },
      { direction: 'IN', amount: 6000n, bookedOn: '2026-04-10', payerName: '9000005 ﾅｶﾑﾗ' },
      { direction: 'IN', amount: 6000n, bookedOn: '2026-04-10', payerName: 'TKY2026900201' },
    ];
    let compared = 0;
    let suggested = 0;
    // First round: each batch alone; second round: the crowded keys carried from batch to batch, as an import does.
    const carried = { keys: new Set<string>(), prefixes: new Set<string>(), families: new Set<string>() };
    for (const [round, start] of [0, 1].flatMap((r) => Array.from({ length: Math.ceil(lines.length / 250) }, (_, k) => [r, k * 250]))) {
      const batch = lines.slice(start, start + 250);
      const narrow = candidatesIn(invoices, lookupsOf(batch), round === 1 ? carried : undefined);
      expect(narrow.members.size).toBeLessThan(full.members.size / 4);
      for (const line of batch) {
        const expected = suggest(full, line);
        expect(suggest(narrow, line)).toEqual(expected);
        compared += 1;
        if (expected.length) suggested += 1;
      }
    }
    expect(compared).toBe(lines.length * 2);
    expect(suggested).toBeGreaterThan(lines.length * 2 * 0.8);
    expect(carried.keys.size).toBeGreaterThan(0);
  });

  it('look up the digits of a member number as the numbers they may be', () => {
    expect(memberNumbersOfDigits('12345')).toEqual(['P0012345', 'O012345']);
    expect(memberNumbersOfDigits('1234567')).toEqual(['P1234567']);
    expect(memberNumbersOfDigits('12345678')).toEqual([]);
  });

  it('skip interest, outgoing lines and names too short to say anything', () => {
    const lookups = lookupsOf([
      { direction: 'IN', amount: 12n, bookedOn: '2026-04-10', payerName: '', memo: 'ﾘｿｸ' },
      { direction: 'OUT', amount: 6000n, bookedOn: '2026-04-10', payerName: 'ﾔﾏﾀﾞ ﾀﾛｳ' },
      { direction: 'IN', amount: 6000n, bookedOn: '2026-04-10', payerName: 'ﾔ' },
    ]);
    expect(lookups).toEqual({ memberNumbers: [], invoiceNumbers: [], keys: [], prefixes: [], families: [] });
  });
});
