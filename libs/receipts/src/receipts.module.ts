import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#audit';
import { LedgerModule } from '#ledger';
import { PaymentsModule } from '#payments';
import { receiptsEntities } from './entities.js';
import { ReceiptDocuments } from './receipt-documents.service.js';
import { ReceiptIssuing } from './receipt-issuing.service.js';
import { ReceiptListeners } from './receipt-listeners.js';
import { ReceiptQueries } from './receipt-queries.service.js';
import { ReceiptRepository } from './receipt.repository.js';
import { ReceiptResolver } from './api/receipt.resolver.js';
import { ReceiptRenderProcessor } from './worker/receipt-render.processor.js';
import { NotificationsModule } from '#notifications';

/** Receipts: gap-free numbering, issue on `invoice.paid`, PDF rendering and e-mail, void and reissue. */
@Module({
  imports: [TypeOrmModule.forFeature(receiptsEntities), AuditModule, LedgerModule, PaymentsModule, NotificationsModule],
  providers: [ReceiptRepository, ReceiptIssuing, ReceiptDocuments, ReceiptQueries, ReceiptListeners, ReceiptRenderProcessor, ReceiptResolver],
  exports: [ReceiptIssuing, ReceiptDocuments],
})
export class ReceiptsModule {}
