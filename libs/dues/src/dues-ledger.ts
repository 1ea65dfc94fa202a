import { Injectable } from '@nestjs/common';
import { BookService, LedgerPosting, type JournalPosting } from '#ledger';
import { invoicePostingKey, invoicePostings, type DuesBooks, type InvoiceForPosting } from './invoice-postings.js';

export interface InvoiceToPost extends InvoiceForPosting {
  branchId: string;
}

/** The ledger seen from dues: the books of a branch and the federation; invoice entries posted and reversed. */
@Injectable()
export class DuesLedger {
  constructor(
    private readonly books: BookService,
    private readonly posting: LedgerPosting,
  ) {}

  /** Posts the entries of these invoices with one postMany (both books of each invoice locked in id order). */
  async postInvoices(invoices: readonly InvoiceToPost[]): Promise<void> {
    if (invoices.length === 0) return;
    await this.posting.postMany(await this.postingsOf(invoices));
  }

  /**
   * Reverses an invoice's entries (voiding). Posting them again under the same
   * idempotency keys replays them (nothing new is written) and gives their ids,
   * with both books locked in id order; then each is reversed, idempotently.
   */
  async reverseInvoice(invoice: InvoiceToPost, entryDate: string, reason: string): Promise<void> {
    const postings = await this.postingsOf([invoice]);
    const posted = await this.posting.postMany(postings);
    const memo = `会費請求取消 ${invoice.number} / Dues invoice void ${invoice.number}: ${reason}`.slice(0, 500);
    for (const [i, entry] of posted.entries()) {
      const book = postings[i].bookId === postings[0].bookId ? 'branch' : 'federation';
      await this.posting.reverse(entry.entryId, { idempotencyKey: `${invoicePostingKey(invoice.id, book)}:void`, entryDate, memo });
    }
  }

  private async postingsOf(invoices: readonly InvoiceToPost[]): Promise<JournalPosting[]> {
    const books = new Map<string, DuesBooks>();
    const federation = (await this.books.federationBook()).id;
    const postings: JournalPosting[] = [];
    for (const invoice of invoices) {
      let pair = books.get(invoice.branchId);
      if (!pair) {
        pair = { branchBookId: (await this.books.bookForBranch(invoice.branchId)).id, federationBookId: federation };
        books.set(invoice.branchId, pair);
      }
      postings.push(...invoicePostings(invoice, pair));
    }
    return postings;
  }
}
