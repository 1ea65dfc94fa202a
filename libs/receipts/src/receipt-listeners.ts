import { Injectable } from '@nestjs/common';
import { OnDomainEvent, type DomainEventPayloads } from '#core';
import { ReceiptIssuing } from './receipt-issuing.service.js';

/**
 * What receipts listen to (after commit, in the worker, once per occurrence): a dues invoice paid
 * in full gets its 領収書 (number taken in the listener's transaction, the PDF rendered by the
 * `receipt.render` job it queues); an invoice no longer paid has its receipt voided.
 */
@Injectable()
export class ReceiptListeners {
  constructor(private readonly issuing: ReceiptIssuing) {}

  @OnDomainEvent('invoice.paid', 'after-commit')
  async issueDuesReceipt(event: DomainEventPayloads['invoice.paid']): Promise<void> {
    await this.issuing.issueForInvoice(event.invoiceId);
  }

  @OnDomainEvent('invoice.unpaid', 'after-commit')
  async voidDuesReceipt(event: DomainEventPayloads['invoice.unpaid']): Promise<void> {
    await this.issuing.voidForInvoice(event.invoiceId, '支払の取消 / payment voided');
  }
}
