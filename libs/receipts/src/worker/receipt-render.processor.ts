import { Injectable } from '@nestjs/common';
import { JobHandler, type JobPayloads } from '#core';
import { ReceiptDocuments } from '../receipt-documents.service.js';

/** `receipt.render`: renders and stores a receipt's PDF after commit and queues its e-mail. */
@Injectable()
export class ReceiptRenderProcessor {
  constructor(private readonly documents: ReceiptDocuments) {}

  @JobHandler('receipt.render')
  render(payload: JobPayloads['receipt.render']): Promise<'rendered' | 'skipped'> {
    return this.documents.renderAndSend(payload.receiptId);
  }
}
