import { describe, expect, it } from '@jest/globals';
import { InvoiceStatus } from './dues-enums.js';
import type { Invoice } from './invoice.entity.js';
import { invoicesForPayment } from './invoice-payability.js';

/** An invoice row as the database gives it (currency is char(3), padded). */
const invoice = (id: string, over: Partial<Invoice> = {}): Invoice =>
  ({ id, memberId: 'm1', branchId: 'TKY', currency: 'JPY', amount: 12000n, paidAmount: 0n, status: InvoiceStatus.OPEN, number: `TKY-2026-${id}`, ...over }) as Invoice;
const rows = (...invoices: Invoice[]) => new Map(invoices.map((i) => [i.id, i]));
const verdicts = (result: ReturnType<typeof invoicesForPayment>) => result.invoices.map((v) => [v.invoiceId, v.refusal, v.outstanding]);

describe('invoicesForPayment (the rules a payment meets on the invoices it names)', () => {
  it('without a branch: the branch of the first invoice that is the member’s; their invoices of another branch are refused, another member’s first', () => {
    const result = invoicesForPayment({ memberId: 'm1', currency: 'JPY' }, ['x', 'a', 'b'], rows(invoice('x', { memberId: 'm2', branchId: 'OSA' }), invoice('a'), invoice('b', { branchId: 'OSA' })));
    expect(result.branchId).toBe('TKY');
    expect(verdicts(result)).toEqual([
      ['x', 'ANOTHER_MEMBER', 0n],
      ['a', null, 12000n],
      ['b', 'ANOTHER_BRANCH', 0n],
    ]);
  });

  it('without a currency: that of the first of the member’s invoices of the branch still owing (a paid one says nothing); padded codes compare trimmed', () => {
    const paidInDollars = invoice('a', { currency: 'USD', status: InvoiceStatus.PAID, paidAmount: 12000n });
    const result = invoicesForPayment({ memberId: 'm1' }, ['a', 'b', 'c'], rows(paidInDollars, invoice('b', { currency: 'JPY ', paidAmount: 2000n, status: InvoiceStatus.PARTIALLY_PAID }), invoice('c', { currency: 'USD' })));
    expect(result.currency).toBe('JPY');
    expect(verdicts(result)).toEqual([
      ['a', 'ANOTHER_CURRENCY', 0n],
      ['b', null, 10000n],
      ['c', 'ANOTHER_CURRENCY', 0n],
    ]);
  });

  it('names each id given, twice if given twice, and no branch or currency when nothing of the member’s is named', () => {
    const result = invoicesForPayment({ memberId: 'm1' }, ['a', 'a', 'zz'], rows(invoice('a', { memberId: 'm2' })));
    expect(result).toMatchObject({ branchId: null, currency: null });
    expect(verdicts(result)).toEqual([
      ['a', 'ANOTHER_MEMBER', 0n],
      ['a', 'ANOTHER_MEMBER', 0n],
      ['zz', 'NOT_FOUND', 0n],
    ]);
  });

  it('a void invoice is refused even when paid invoices are accepted', () => {
    const result = invoicesForPayment({ memberId: 'm1', currency: 'JPY', acceptPaid: true }, ['v'], rows(invoice('v', { status: InvoiceStatus.VOID })));
    expect(verdicts(result)).toEqual([['v', 'VOID', 0n]]);
  });
});
