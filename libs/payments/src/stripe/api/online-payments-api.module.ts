import { Module } from '@nestjs/common';
import { OnlinePaymentsModule } from '../online-payments.module.js';
import { AutoRenewResolver } from './auto-renew.resolver.js';
import { OnlineCheckoutResolver } from './online-checkout.resolver.js';
import { PaymentRefundResolver } from './payment-refund.resolver.js';

/** Checkout, refunds and disputes, saved cards and auto-renew over GraphQL (imported by apps/gateway only). */
@Module({
  imports: [OnlinePaymentsModule],
  providers: [OnlineCheckoutResolver, PaymentRefundResolver, AutoRenewResolver],
})
export class OnlinePaymentsApiModule {}
