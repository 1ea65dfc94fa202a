import { AccountCode, type JournalPosting } from '#ledger';

/** What an invoice's ledger entries need to know (a snapshot: never re-read from the plan). */
export interface InvoiceForPosting {
  id: string;
  number: string;
  issuedOn: string;
  currency: string;
  amount: bigint;
  federationShare: bigint;
  branchShare: bigint;
}

export interface DuesBooks {
  branchBookId: string;
  federationBookId: string;
}

export const invoicePostingKey = (invoiceId: string, book: 'branch' | 'federation') => `dues-invoice:${invoiceId}:${book}`;

/**
 * The entries that issuing a dues invoice posts:
 * - the member's branch book: Dr dues receivable (amount) / Cr dues income (branch
 *   share) / Cr due to other books (federation share, counterparty = federation book);
 * - the federation book: Dr due from other books (federation share, counterparty =
 *   branch book) / Cr dues income.
 * A zero share leaves its lines out (and the federation entry, when the federation gets nothing).
 */
export function invoicePostings(invoice: InvoiceForPosting, books: DuesBooks): JournalPosting[] {
  const memo = `会費請求 ${invoice.number} / Dues invoice ${invoice.number}`;
  const common = { entryDate: invoice.issuedOn, source: 'INVOICE' as const, sourceId: invoice.id, memo, currency: invoice.currency };
  const branch: JournalPosting = {
    ...common,
    bookId: books.branchBookId,
    idempotencyKey: invoicePostingKey(invoice.id, 'branch'),
    lines: [
      { accountCode: AccountCode.DuesReceivable, side: 'DEBIT', amount: invoice.amount },
      ...(invoice.branchShare > 0n ? [{ accountCode: AccountCode.DuesIncome, side: 'CREDIT' as const, amount: invoice.branchShare }] : []),
      ...(invoice.federationShare > 0n
        ? [{ accountCode: AccountCode.DueToOtherBooks, side: 'CREDIT' as const, amount: invoice.federationShare, counterpartyBookId: books.federationBookId }]
        : []),
    ],
  };
  if (invoice.federationShare === 0n) return [branch];
  const federation: JournalPosting = {
    ...common,
    bookId: books.federationBookId,
    idempotencyKey: invoicePostingKey(invoice.id, 'federation'),
    lines: [
      { accountCode: AccountCode.DueFromOtherBooks, side: 'DEBIT', amount: invoice.federationShare, counterpartyBookId: books.branchBookId },
      { accountCode: AccountCode.DuesIncome, side: 'CREDIT', amount: invoice.federationShare },
    ],
  };
  return [branch, federation];
}
