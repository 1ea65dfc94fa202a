import { Module } from '@nestjs/common';
import { ReceiptsModule } from './receipts.module.js';
import { AnnualReceiptsProcessor } from './worker/annual-receipts.processor.js';
import { ReceiptRenderProcessor } from './worker/receipt-render.processor.js';

/** What only the worker runs: the `receipt.render` job, the annual-receipts job and its January scheduler. */
@Module({
  imports: [ReceiptsModule],
  providers: [ReceiptRenderProcessor, AnnualReceiptsProcessor],
})
export class ReceiptsWorkerModule {}
