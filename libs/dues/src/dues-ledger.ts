import { Injectable } from '@nestjs/common';
import { BookService, LedgerPosting, type JournalPosting } from '#ledger';
import { accrualRunPostings, invoicePostings, invoiceVoidPostings, type AccrualRun, type DuesBooks, type InvoiceForPosting } from './invoice-postings.js';

export interface InvoiceToPost extends InvoiceForPosting {
  branchId: string;
}

/**
 * The ledger seen from dues (ACCRUAL invoices only: an ON_RECEIPT invoice posts nothing until paid).
 * The books of a branch and the federation; invoice and run entries posted, an invoice's share reversed.
 */
@Injectable()
export class DuesLedger {
  constructor(
    private readonly books: BookService,
    private readonly posting: LedgerPosting,
  ) {}

  /** Posts each invoice's own entries with one postMany (both books locked in id order): a single join or renewal. */
  async postInvoices(invoices: readonly InvoiceToPost[]): Promise<void> {
    if (invoices.length === 0) return;
    const postings: JournalPosting[] = [];
    for (const invoice of invoices) postings.push(...invoicePostings(invoice, await this.booksOf(invoice.branchId)));
    await this.posting.postMany(postings);
  }

  /** Posts a run's summary entry in the branch book and its mirror in the federation book (one postMany). */
  async postRun(branchId: string, run: AccrualRun): Promise<void> {
    if (run.count === 0) return;
    await this.posting.postMany(accrualRunPostings(run, await this.booksOf(branchId)));
  }

  /**
   * Voiding an accrued invoice, in both books (idempotent per invoice): an invoice with entries of its
   * own (a single join or renewal) has them reversed; one accrued by a run's summary entry gets the
   * reversal of its share of it.
   */
  async reverseInvoice(invoice: InvoiceToPost, entryDate: string, reason: string): Promise<void> {
    const books = await this.booksOf(invoice.branchId);
    const postings = invoiceVoidPostings(invoice, books, entryDate, reason);
    const own = invoicePostings(invoice, books);
    const { memo } = postings[0];
    const reversed = await this.posting.reverseByKey(own[0].bookId, own[0].idempotencyKey, { idempotencyKey: postings[0].idempotencyKey, entryDate, memo });
    if (!reversed) {
      await this.posting.postMany(postings);
      return;
    }
    if (own[1]) await this.posting.reverseByKey(own[1].bookId, own[1].idempotencyKey, { idempotencyKey: postings[1].idempotencyKey, entryDate, memo });
  }

  private async booksOf(branchId: string): Promise<DuesBooks> {
    return { branchBookId: (await this.books.bookForBranch(branchId)).id, federationBookId: (await this.books.federationBook()).id };
  }
}
