import { Injectable } from '@nestjs/common';
import { ReceiptIssuing } from '../receipt-issuing.service.js';

/**
 * The receipts part of the demo federation: the 領収書 of invoices the demo paid in full, issued
 * through the listener's own path (ReceiptIssuing.issueForInvoice), in the seed's transaction; the
 * worker renders and e-mails them after the commit (see the mail inbox). The demo's payments are
 * recorded in batches, which settle invoices without `invoice.paid`, so the demo asks for them here.
 * Donation receipts come with the donations' demo (libs/donations publishes `donation.succeeded`).
 */
@Injectable()
export class ReceiptsDemo {
  constructor(private readonly issuing: ReceiptIssuing) {}

  /** Issues the receipts of those invoices that are paid; the number issued. */
  async seed(invoiceIds: readonly string[]): Promise<number> {
    let issued = 0;
    for (const invoiceId of invoiceIds) if (await this.issuing.issueForInvoice(invoiceId)) issued++;
    return issued;
  }
}
