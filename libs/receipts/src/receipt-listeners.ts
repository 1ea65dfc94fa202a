import { Injectable } from '@nestjs/common';
import { OnDomainEvent, type DomainEventPayloads } from '#core';
import { DonationReceipts } from './donations/donation-receipts.service.js';
import { ReceiptIssuing } from './receipt-issuing.service.js';

/**
 * What receipts listen to (after commit, in the worker, once per occurrence): a dues invoice paid
 * in full gets its 領収書 (number taken in the listener's transaction, the PDF rendered by the
 * `receipt.render` job it queues); an invoice no longer paid has its receipt voided. A gift is
 * recorded and receipted as its donor chose (DonationReceipts); a refund voids and reissues.
 */
@Injectable()
export class ReceiptListeners {
  constructor(
    private readonly issuing: ReceiptIssuing,
    private readonly donations: DonationReceipts,
  ) {}

  @OnDomainEvent('invoice.paid', 'after-commit')
  async issueDuesReceipt(event: DomainEventPayloads['invoice.paid']): Promise<void> {
    await this.issuing.issueForInvoice(event.invoiceId);
  }

  @OnDomainEvent('invoice.unpaid', 'after-commit')
  async voidDuesReceipt(event: DomainEventPayloads['invoice.unpaid']): Promise<void> {
    await this.issuing.voidForInvoice(event.invoiceId, '支払の取消 / payment voided');
  }

  @OnDomainEvent('donation.succeeded', 'after-commit')
  async recordGift(event: DomainEventPayloads['donation.succeeded']): Promise<void> {
    await this.donations.onSucceeded(event);
  }

  @OnDomainEvent('donation.refunded', 'after-commit')
  async refundGift(event: DomainEventPayloads['donation.refunded']): Promise<void> {
    await this.donations.onRefunded(event);
  }
}
