import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { JournalPosting } from './posting.js';
import { handReversalError, manualPostingError, postingShapeError, reversedLines, sameContent } from './posting-rules.js';

const base: JournalPosting = {
  bookId: 'book',
  entryDate: '2025-04-01',
  source: 'MANUAL',
  sourceId: 's',
  idempotencyKey: 'k',
  memo: '振替',
  lines: [
    { accountCode: '1100', side: 'DEBIT', amount: 100n },
    { accountCode: '4100', side: 'CREDIT', amount: 100n },
  ],
};

describe('posting shape', () => {
  it('accepts a balanced entry and refuses an unbalanced one, naming the lines', () => {
    expect(postingShapeError(base)).toBeNull();
    const error = postingShapeError({ ...base, lines: [base.lines[0], { ...base.lines[1], amount: 99n }] }, 'input.');
    expect(error?.reason).toBe('UNBALANCED_ENTRY');
    expect(error?.fields[0].field).toBe('input.lines');
  });

  it('any split of an amount into debits and credits balances exactly when the sums agree', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 1n, max: 10n ** 12n }), { minLength: 1, maxLength: 6 }), fc.array(fc.bigInt({ min: 1n, max: 10n ** 12n }), { minLength: 1, maxLength: 6 }), (debits, credits) => {
        const p: JournalPosting = {
          ...base,
          lines: [...debits.map((amount) => ({ accountCode: '1100', side: 'DEBIT' as const, amount })), ...credits.map((amount) => ({ accountCode: '4100', side: 'CREDIT' as const, amount }))],
        };
        const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);
        const error = postingShapeError(p);
        expect(error === null).toBe(sum(debits) === sum(credits) && p.lines.length >= 2);
        expect(postingShapeError({ ...p, lines: reversedLines(p.lines) }) === null).toBe(error === null);
      }),
    );
  });

  it('refuses a blank memo and a counterparty that is the book itself', () => {
    expect(postingShapeError({ ...base, memo: '  ' })?.fields[0].field).toBe('memo');
    const self = postingShapeError({
      ...base,
      lines: [base.lines[0], { accountCode: '2200', side: 'CREDIT', amount: 100n, counterpartyBookId: 'book' }],
    });
    expect(self?.reason).toBe('COUNTERPARTY_IS_SELF');
  });
});

describe('manual postings', () => {
  const interBook = { ...base, lines: [base.lines[0], { accountCode: '2200', side: 'CREDIT' as const, amount: 100n, counterpartyBookId: 'federation' }] };

  it('never touch the inter-book accounts, naming the line; business postings and reversals of old manual entries may', () => {
    expect(manualPostingError(interBook, 'input.')).toMatchObject({ reason: 'INTER_BOOK_ACCOUNT_MANUAL', fields: [{ field: 'input.lines.1.accountCode' }] });
    expect(manualPostingError({ ...interBook, lines: [{ ...interBook.lines[1], accountCode: '1500', side: 'DEBIT' }, base.lines[1]] })?.fields[0].field).toBe('lines.0.accountCode');
    expect(manualPostingError({ ...interBook, source: 'INVOICE' })).toBeNull();
    expect(manualPostingError({ ...interBook, reversesEntryId: 'old' })).toBeNull();
    expect(manualPostingError(base)).toBeNull();
  });
});

describe('replayed content', () => {
  const posted = { entryDate: base.entryDate, memo: base.memo, currency: 'JPY', lines: base.lines.map((l) => ({ ...l, counterpartyBookId: null, fundCode: null, memo: null })) };

  it('is the same when every field of every line agrees (absent and null alike)', () => {
    expect(sameContent(posted, base)).toBe(true);
    expect(sameContent(posted, { ...base, currency: 'JPY' })).toBe(true);
  });

  it('differs on the date, memo, currency, a line’s amount, side, account, counterparty, fund or memo, or the line count', () => {
    const line = (over: object) => ({ ...base, lines: [{ ...base.lines[0], ...over }, base.lines[1]] });
    for (const asked of [
      { ...base, entryDate: '2025-04-02' },
      { ...base, memo: 'x' },
      { ...base, currency: 'USD' },
      line({ amount: 101n }),
      line({ side: 'CREDIT' }),
      line({ accountCode: '1200' }),
      line({ counterpartyBookId: 'b' }),
      line({ fundCode: 'F' }),
      line({ memo: 'm' }),
      { ...base, lines: [...base.lines, base.lines[0]] },
      { ...base, lines: [base.lines[1], base.lines[0]] },
    ]) {
      expect(sameContent(posted, asked)).toBe(false);
    }
  });
});

describe('reversing by hand', () => {
  const lines = [{ accountCode: '1200' }, { accountCode: '1100' }];
  const interBook = [{ accountCode: '2200' }, { accountCode: '4100' }];

  it('only a manual entry; a business entry names its source', () => {
    expect(handReversalError({ source: 'MANUAL', reversesEntryId: null, lines }, 'id')).toBeNull();
    for (const source of ['PAYMENT', 'INVOICE', 'SETTLEMENT', 'REFUND', 'FEE', 'DONATION', 'GRANT']) {
      expect(handReversalError({ source, reversesEntryId: null, lines }, 'id')).toMatchObject({ reason: 'ENTRY_NOT_MANUAL', fields: [{ field: 'id' }] });
    }
  });

  it('an older manual inter-book entry may be undone, but its undoing not redone', () => {
    expect(handReversalError({ source: 'MANUAL', reversesEntryId: null, lines: interBook }, 'id')).toBeNull();
    expect(handReversalError({ source: 'MANUAL', reversesEntryId: 'e1', lines: interBook }, 'id')?.reason).toBe('INTER_BOOK_ACCOUNT_MANUAL');
    expect(handReversalError({ source: 'MANUAL', reversesEntryId: 'e1', lines }, 'id')).toBeNull();
  });
});
