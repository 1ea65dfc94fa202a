import { Module } from '@nestjs/common';
import { DonationsModule } from '../donations.module.js';
import { DonationLoaders } from '../donation.loaders.js';
import { DonationResolver } from './donation.resolver.js';
import { FundResolver } from './fund.resolver.js';
import { MonthlyGiftResolver } from './monthly-gift.resolver.js';

/** Funds, donations and monthly gifts over GraphQL, with their per-request loaders (imported by apps/gateway only). */
@Module({
  imports: [DonationsModule],
  providers: [DonationLoaders, FundResolver, DonationResolver, MonthlyGiftResolver],
})
export class DonationsApiModule {}
