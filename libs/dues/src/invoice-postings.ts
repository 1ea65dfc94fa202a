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

/** What a fiscal-year or renewal run accrued in one branch: the totals of its invoices, and their number range. */
export interface AccrualRun {
  /** Stable per run and branch: `fiscal-year:2027:<branchId>`. */
  runKey: string;
  /** Names the run in the memo: `年度会費 2027` / `Fiscal-year dues 2027`. */
  runName: { ja: string; en: string };
  issuedOn: string;
  currency: string;
  firstNumber: string;
  lastNumber: string;
  count: number;
  amount: bigint;
  federationShare: bigint;
  branchShare: bigint;
}

export const accrualRunKey = (runKey: string, book: 'branch' | 'federation') => `dues-run:${runKey}:${book}`;

/**
 * ACCRUAL: one summary entry per branch and run (and the federation's mirror), with the same lines
 * an invoice would post, for the run's totals. The invoices of the range are its sub-ledger.
 */
export function accrualRunPostings(run: AccrualRun, books: DuesBooks): JournalPosting[] {
  const memo = `${run.runName.ja} ${run.firstNumber}〜${run.lastNumber} (${run.count}件) / ${run.runName.en} ${run.firstNumber}–${run.lastNumber} (${run.count})`;
  const [branch, federation] = invoicePostings(
    { id: run.runKey, number: '', issuedOn: run.issuedOn, currency: run.currency, amount: run.amount, federationShare: run.federationShare, branchShare: run.branchShare },
    books,
  );
  const withRun = (p: JournalPosting, book: 'branch' | 'federation'): JournalPosting => ({ ...p, memo: memo.slice(0, 500), idempotencyKey: accrualRunKey(run.runKey, book) });
  return federation ? [withRun(branch, 'branch'), withRun(federation, 'federation')] : [withRun(branch, 'branch')];
}

/**
 * ACCRUAL void: the reversal of that invoice's share of whatever entry accrued it (its own, or its
 * run's summary): every line of `invoicePostings` on the other side, dated the day of the void.
 */
export function invoiceVoidPostings(invoice: InvoiceForPosting, books: DuesBooks, entryDate: string, reason: string): JournalPosting[] {
  const memo = `会費請求取消 ${invoice.number} / Dues invoice void ${invoice.number}: ${reason}`.slice(0, 500);
  return invoicePostings(invoice, books).map((p, i) => ({
    ...p,
    entryDate,
    memo,
    idempotencyKey: `${invoicePostingKey(invoice.id, i === 0 ? 'branch' : 'federation')}:void`,
    lines: p.lines.map((l) => ({ ...l, side: l.side === 'DEBIT' ? ('CREDIT' as const) : ('DEBIT' as const) })),
  }));
}
