import { Module } from '@nestjs/common';
import { AuditModule } from '#audit';
import { AuthModule } from '#auth';
import { LedgerModule } from '#ledger';
import { NotificationsModule } from '#notifications';
import { OnlinePaymentsModule } from '#payments';
import { DonationDisputes } from './donation-disputes.service.js';
import { DonationNotices } from './donation-notices.js';
import { DonationRecording } from './donation-recording.service.js';
import { DonationRepository } from './donation.repository.js';
import { DonationService } from './donations.service.js';
import { DonationStripeSync } from './donation-stripe-sync.service.js';
import { DonationsDemo } from './donations-demo.service.js';
import { DonorRepository } from './donor.repository.js';
import { FundRepository } from './fund.repository.js';
import { FundService } from './funds.service.js';
import { GuestDonationGuard } from './guest-donation-guard.js';
import { MonthlyGiftCompletion } from './monthly-gift-completion.service.js';
import { MonthlyGiftRepository } from './monthly-gift.repository.js';
import { MonthlyGifts } from './monthly-gifts.service.js';
import { OnlineDonations } from './online-donations.service.js';

/** Funds, donations (online, recorded, monthly) and their Stripe events: uses payments, ledger and the leaves. */
@Module({
  imports: [OnlinePaymentsModule, LedgerModule, AuditModule, AuthModule, NotificationsModule],
  providers: [
    // repositories
    FundRepository, DonorRepository, DonationRepository, MonthlyGiftRepository,
    // shared steps
    DonationRecording, DonationNotices, GuestDonationGuard, MonthlyGiftCompletion,
    // use cases
    FundService, OnlineDonations, DonationService, MonthlyGifts, DonationStripeSync, DonationDisputes, DonationsDemo,
  ],
  exports: [FundService, OnlineDonations, DonationService, MonthlyGifts, DonationsDemo, FundRepository, DonationRepository, MonthlyGiftRepository, DonorRepository, MonthlyGiftCompletion, DonationNotices],
})
export class DonationsModule {}
