import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { canonicalEntry, entryHash, GENESIS_HASH, type HashedEntry } from './entry-hash.js';

const lineArb = fc.record({
  accountId: fc.uuid(),
  side: fc.constantFrom('DEBIT', 'CREDIT'),
  amount: fc.bigInt({ min: 1n, max: 10n ** 15n }),
  counterpartyBookId: fc.option(fc.uuid(), { nil: null }),
  fundCode: fc.option(fc.string({ maxLength: 10 }), { nil: null }),
  memo: fc.option(fc.string({ maxLength: 40 }), { nil: null }),
});

const entryArb: fc.Arbitrary<HashedEntry> = fc.record({
  bookId: fc.uuid(),
  seq: fc.bigInt({ min: 1n, max: 10n ** 9n }),
  entryDate: fc.constantFrom('2025-04-01', '2025-05-31'),
  requestedDate: fc.constantFrom('2025-04-01', '2025-03-31'),
  source: fc.constantFrom('INVOICE', 'PAYMENT', 'MANUAL'),
  sourceId: fc.string({ minLength: 1, maxLength: 20 }),
  idempotencyKey: fc.string({ minLength: 1, maxLength: 20 }),
  memo: fc.string({ maxLength: 60 }),
  currency: fc.constant('JPY'),
  reversesEntryId: fc.option(fc.uuid(), { nil: null }),
  createdBy: fc.option(fc.uuid(), { nil: null }),
  lines: fc.array(lineArb, { minLength: 2, maxLength: 5 }).map((ls) => ls.map((l, i) => ({ ...l, lineNo: i + 1 }))),
});

describe('entry hash canonicalization', () => {
  it('does not depend on the order lines are given in, nor on bigint versus string amounts', () => {
    fc.assert(
      fc.property(entryArb, (entry) => {
        const reordered = { ...entry, seq: entry.seq.toString(), lines: [...entry.lines].reverse().map((l) => ({ ...l, amount: l.amount.toString() })) };
        expect(canonicalEntry(reordered)).toBe(canonicalEntry(entry));
        expect(entryHash(GENESIS_HASH, reordered)).toBe(entryHash(GENESIS_HASH, entry));
      }),
    );
  });

  it('changes when any amount, account, side or text changes', () => {
    fc.assert(
      fc.property(entryArb, fc.nat(4), (entry, pick) => {
        const i = pick % entry.lines.length;
        const variants: HashedEntry[] = [
          { ...entry, lines: entry.lines.map((l, j) => (j === i ? { ...l, amount: BigInt(l.amount) + 1n } : l)) },
          { ...entry, lines: entry.lines.map((l, j) => (j === i ? { ...l, side: l.side === 'DEBIT' ? 'CREDIT' : 'DEBIT' } : l)) },
          { ...entry, memo: `${entry.memo}.` },
          { ...entry, entryDate: entry.entryDate === '2025-04-01' ? '2025-04-02' : '2025-04-01' },
          { ...entry, seq: BigInt(entry.seq) + 1n },
        ];
        const original = entryHash(GENESIS_HASH, entry);
        for (const v of variants) expect(entryHash(GENESIS_HASH, v)).not.toBe(original);
      }),
    );
  });

  it('chains: the same entry after a different previous hash has a different hash', () => {
    fc.assert(
      fc.property(entryArb, fc.stringMatching(/^[0-9a-f]{64}$/), (entry, prev) => {
        fc.pre(prev !== GENESIS_HASH);
        expect(entryHash(prev, entry)).not.toBe(entryHash(GENESIS_HASH, entry));
      }),
    );
  });

  it('keeps text that could be confused apart (a memo with a quote or a separator)', () => {
    const base = { bookId: 'b', seq: 1n, entryDate: '2025-04-01', requestedDate: '2025-04-01', source: 'MANUAL', currency: 'JPY', reversesEntryId: null, createdBy: null, lines: [] };
    const a = canonicalEntry({ ...base, sourceId: 'a","b', idempotencyKey: 'c', memo: '' });
    const b = canonicalEntry({ ...base, sourceId: 'a', idempotencyKey: 'b","c', memo: '' });
    expect(a).not.toBe(b);
  });

  it('an entry of its book’s own chain keeps the v1 text every entry had; one between two books names the other book', () => {
    fc.assert(
      fc.property(entryArb, fc.uuid(), (entry, other) => {
        fc.pre(other !== entry.bookId);
        const own = canonicalEntry(entry);
        expect(JSON.parse(own)[0]).toBe('rentai-journal-v1');
        expect(canonicalEntry({ ...entry, chainWith: null })).toBe(own);
        expect(canonicalEntry({ ...entry, chainWith: entry.bookId })).toBe(own);
        const between = JSON.parse(canonicalEntry({ ...entry, chainWith: other }));
        expect(between.slice(0, 3)).toEqual(['rentai-journal-v2', entry.bookId, other]);
        // Moving an entry to another chain changes its hash.
        expect(entryHash(GENESIS_HASH, { ...entry, chainWith: other })).not.toBe(entryHash(GENESIS_HASH, entry));
      }),
    );
  });
});
