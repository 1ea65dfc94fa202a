import { Injectable } from '@nestjs/common';
import { BookService } from '#ledger';
import { invoicePostings, type DuesBooks, type InvoiceForPosting } from './invoice-postings.js';

export interface InvoiceToPost extends InvoiceForPosting {
  branchId: string;
}

/** The ledger seen from dues: the books of a branch and the federation, invoice entries posted and reversed. */
@Injectable()
export class DuesLedger {
  constructor(private readonly books: BookService) {}

  async booksFor(branchId: string): Promise<DuesBooks> {
    const [branch, federation] = [await this.books.bookForBranch(branchId), await this.books.federationBook()];
    return { branchBookId: branch.id, federationBookId: federation.id };
  }

  async postInvoices(invoices: readonly InvoiceToPost[]): Promise<void> {
    const books = new Map<string, DuesBooks>();
    for (const invoice of invoices) {
      if (!books.has(invoice.branchId)) books.set(invoice.branchId, await this.booksFor(invoice.branchId));
      invoicePostings(invoice, books.get(invoice.branchId)!);
    }
    // TODO(ledger API): LedgerPosting.postMany(postings)
  }

  async reverseInvoice(_invoice: InvoiceToPost, _date: string, _reason: string): Promise<void> {
    // TODO(ledger API): LedgerPosting.reverse(...)
  }
}
