import { Injectable } from '@nestjs/common';
import { InvoiceSettlement } from '#dues';
import { MemberDirectory } from '#members';
import { BookService } from '#ledger';

/** What a receipt for dues needs to know of an invoice and its member (read in the caller's transaction). */
export interface PaidInvoiceDetails {
  invoiceId: string;
  invoiceNumber: string;
  status: string;
  memberId: string;
  branchId: string;
  /** The book that took the money: the issuing branch's. */
  bookId: string;
  bookNameJa: string;
  bookNameEn: string;
  amount: bigint;
  currency: string;
  paidOn: string | null;
  fiscalYear: number;
  periodStart: string;
  periodEnd: string;
  member: { memberNumber: string; name: string; postalCode: string | null; address: string | null; email: string | null; kind: string };
}

/**
 * Read access to paid dues invoices for the libraries that follow a payment (receipts): the map
 * lets them use payments, not dues or members, so payments answers for both.
 */
@Injectable()
export class PaidInvoices {
  constructor(
    private readonly settlement: InvoiceSettlement,
    private readonly members: MemberDirectory,
    private readonly books: BookService,
  ) {}

  /** The invoice with its member and book, or null for an unknown id. */
  async details(invoiceId: string): Promise<PaidInvoiceDetails | null> {
    const [invoice] = await this.settlement.findInvoices([invoiceId]);
    if (!invoice) return null;
    const member = await this.members.get(invoice.memberId);
    const book = await this.books.bookForBranch(invoice.branchId);
    return {
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      status: invoice.status,
      memberId: invoice.memberId,
      branchId: invoice.branchId,
      bookId: book.id,
      bookNameJa: book.nameJa,
      bookNameEn: book.nameEn,
      amount: invoice.amount,
      currency: invoice.currency,
      paidOn: invoice.paidOn,
      fiscalYear: invoice.fiscalYear,
      periodStart: invoice.periodStart,
      periodEnd: invoice.periodEnd,
      member: { memberNumber: member.memberNumber, name: member.name, postalCode: member.postalCode, address: member.address, email: member.email, kind: member.kind },
    };
  }
}
