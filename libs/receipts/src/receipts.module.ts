import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#audit';
import { AuthModule } from '#auth';
import { LedgerModule } from '#ledger';
import { PaymentsModule } from '#payments';
import { receiptsEntities } from './entities.js';
import { ReceiptDocuments } from './receipt-documents.service.js';
import { ReceiptIssuing } from './receipt-issuing.service.js';
import { ReceiptListeners } from './receipt-listeners.js';
import { ReceiptQueries } from './receipt-queries.service.js';
import { ReceiptRepository } from './receipt.repository.js';
import { AnnualReceiptRun } from './donations/annual-receipt-run.service.js';
import { DonationReceipts } from './donations/donation-receipts.service.js';
import { DonorRegister } from './donations/donor-register.service.js';
import { GiftReceiptSources } from './donations/gift-receipt-sources.service.js';
import { ReceiptGiftRepository } from './donations/receipt-gift.repository.js';
import { ReceiptsDemo } from './demo/receipts-demo.service.js';
import { NotificationsModule } from '#notifications';

/** Receipts: gap-free numbering, issue on `invoice.paid` and the donation events, annual receipts, the donor register, PDF rendering and e-mail, void and reissue. */
@Module({
  imports: [TypeOrmModule.forFeature(receiptsEntities), AuditModule, AuthModule, LedgerModule, PaymentsModule, NotificationsModule],
  providers: [
    ReceiptRepository,
    ReceiptIssuing,
    ReceiptDocuments,
    ReceiptQueries,
    ReceiptListeners,
    ReceiptGiftRepository,
    GiftReceiptSources,
    DonationReceipts,
    AnnualReceiptRun,
    DonorRegister,
    ReceiptsDemo,
  ],
  exports: [ReceiptIssuing, ReceiptDocuments, AnnualReceiptRun, DonorRegister, ReceiptsDemo, ReceiptQueries],
})
export class ReceiptsModule {}
