import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { AccountCode, type JournalPosting } from '#ledger';
import { allocate } from './allocation.js';
import { invoicePostings } from './invoice-postings.js';

const books = { branchBookId: 'book-branch', federationBookId: 'book-fed' };
const invoice = (amount: bigint, federationShare: bigint) => ({
  id: 'inv-1',
  number: 'TKY-2027-000001',
  issuedOn: '2027-04-01',
  currency: 'JPY',
  amount,
  federationShare,
  branchShare: amount - federationShare,
});
const sum = (p: JournalPosting, side: 'DEBIT' | 'CREDIT') => p.lines.filter((l) => l.side === side).reduce((s, l) => s + l.amount, 0n);

describe('ledger entries of a dues invoice', () => {
  it('the branch books the receivable, its income and what it owes the federation; the federation books what the branch owes it', () => {
    const [branch, federation] = invoicePostings(invoice(12000n, 3600n), books);
    expect(branch).toMatchObject({ bookId: 'book-branch', source: 'INVOICE', sourceId: 'inv-1', entryDate: '2027-04-01', idempotencyKey: 'dues-invoice:inv-1:branch' });
    expect(branch.lines).toEqual([
      { accountCode: AccountCode.DuesReceivable, side: 'DEBIT', amount: 12000n },
      { accountCode: AccountCode.DuesIncome, side: 'CREDIT', amount: 8400n },
      { accountCode: AccountCode.DueToOtherBooks, side: 'CREDIT', amount: 3600n, counterpartyBookId: 'book-fed' },
    ]);
    expect(federation.bookId).toBe('book-fed');
    expect(federation.lines).toEqual([
      { accountCode: AccountCode.DueFromOtherBooks, side: 'DEBIT', amount: 3600n, counterpartyBookId: 'book-branch' },
      { accountCode: AccountCode.DuesIncome, side: 'CREDIT', amount: 3600n },
    ]);
  });

  it('leaves out zero lines: no federation entry when it gets nothing, no branch income when the federation takes all', () => {
    expect(invoicePostings(invoice(5000n, 0n), books)).toHaveLength(1);
    const [branch] = invoicePostings(invoice(5000n, 5000n), books);
    expect(branch.lines.map((l) => l.accountCode)).toEqual([AccountCode.DuesReceivable, AccountCode.DueToOtherBooks]);
  });

  it('every entry balances and no line is zero, whatever the split', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10_000n }), (amount, bp) => {
        const { federation } = allocate(amount, { kind: 'BASIS_POINTS', value: bp });
        for (const posting of invoicePostings(invoice(amount, federation), books)) {
          expect(sum(posting, 'DEBIT')).toBe(sum(posting, 'CREDIT'));
          for (const line of posting.lines) expect(line.amount).toBeGreaterThan(0n);
        }
      }),
    );
  });
});
