import { Module } from '@nestjs/common';
import { ReceiptsModule } from '../receipts.module.js';
import { DonationReceiptsResolver } from './donation-receipts.resolver.js';
import { ReceiptResolver } from './receipt.resolver.js';

/** Receipts, the donor register and annual receipts over GraphQL (imported by apps/gateway only). */
@Module({
  imports: [ReceiptsModule],
  providers: [ReceiptResolver, DonationReceiptsResolver],
})
export class ReceiptsApiModule {}
