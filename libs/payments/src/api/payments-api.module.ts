import { Module } from '@nestjs/common';
import { PaymentsModule } from '../payments.module.js';
import { PaymentResolver } from './payment.resolver.js';
import { SettlementResolver } from './settlement.resolver.js';

/** Payments and settlements over GraphQL (imported by apps/gateway only). */
@Module({
  imports: [PaymentsModule],
  providers: [PaymentResolver, SettlementResolver],
})
export class PaymentsApiModule {}
