import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { AccountCode, type JournalPosting } from '#ledger';
import { PaymentMethod } from './payment-method.js';
import { SettlementDirection, creditApplicationPosting, paymentPosting, settlementPostings } from './payment-postings.js';

const balanced = (p: JournalPosting) =>
  p.lines.reduce((s, l) => s + (l.side === 'DEBIT' ? l.amount : -l.amount), 0n) === 0n && p.lines.every((l) => l.amount > 0n);

describe('payment postings', () => {
  it('books a bank transfer with a fee: bank in, receivable and credit out, fee expensed from the bank', () => {
    const p = paymentPosting({ paymentId: 'p', bookId: 'b', receivedOn: '2026-04-01', method: PaymentMethod.BANK_TRANSFER, currency: 'JPY', amount: 5000n, fee: 110n, allocated: 3000n, credit: 2000n, memo: 'm' });
    expect(p.lines).toEqual([
      { accountCode: AccountCode.Bank, side: 'DEBIT', amount: 5000n },
      { accountCode: AccountCode.DuesReceivable, side: 'CREDIT', amount: 3000n },
      { accountCode: AccountCode.MemberCredit, side: 'CREDIT', amount: 2000n },
      { accountCode: AccountCode.PaymentFees, side: 'DEBIT', amount: 110n, memo: 'fee' },
      { accountCode: AccountCode.Bank, side: 'CREDIT', amount: 110n, memo: 'fee' },
    ]);
    expect(p.idempotencyKey).toBe('payment:p');
  });

  it('property: every posting balances and has positive lines', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(PaymentMethod)),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        (method, amount, share, feeShare) => {
          const allocated = BigInt(Math.floor(Number(amount) * share));
          const fee = BigInt(Math.floor(Number(amount) * feeShare));
          expect(balanced(paymentPosting({ paymentId: 'p', bookId: 'b', receivedOn: '2026-04-01', method, currency: 'JPY', amount, fee, allocated, credit: amount - allocated, memo: '' }))).toBe(true);
          expect(balanced(creditApplicationPosting({ allocationId: 'a', paymentId: 'p', bookId: 'b', appliedOn: '2026-04-01', currency: 'JPY', amount, memo: '' }))).toBe(true);
          for (const direction of Object.values(SettlementDirection)) {
            const s = settlementPostings({ settlementId: 's', direction, branchBookId: 'bb', federationBookId: 'fb', settledOn: '2026-04-30', currency: 'JPY', amount, memo: '' });
            expect(balanced(s.branch) && balanced(s.federation)).toBe(true);
          }
        },
      ),
    );
  });

  it('a branch paying the federation clears due-to in the branch book and due-from in the federation book', () => {
    const s = settlementPostings({ settlementId: 's', direction: SettlementDirection.BRANCH_TO_FEDERATION, branchBookId: 'bb', federationBookId: 'fb', settledOn: '2026-04-30', currency: 'JPY', amount: 700n, memo: '' });
    expect(s.branch.lines).toEqual([
      { accountCode: AccountCode.DueToOtherBooks, side: 'DEBIT', amount: 700n, counterpartyBookId: 'fb' },
      { accountCode: AccountCode.Bank, side: 'CREDIT', amount: 700n },
    ]);
    expect(s.federation.lines).toEqual([
      { accountCode: AccountCode.Bank, side: 'DEBIT', amount: 700n },
      { accountCode: AccountCode.DueFromOtherBooks, side: 'CREDIT', amount: 700n, counterpartyBookId: 'bb' },
    ]);
  });

  it('refuses a payment whose parts do not add up', () => {
    expect(() => paymentPosting({ paymentId: 'p', bookId: 'b', receivedOn: '2026-04-01', method: PaymentMethod.CASH, currency: 'JPY', amount: 10n, fee: 0n, allocated: 5n, credit: 4n, memo: '' })).toThrow();
  });
});
