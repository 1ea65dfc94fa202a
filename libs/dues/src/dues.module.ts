import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerModule } from '#ledger';
import { MembersModule } from '#members';
import { FederationModule } from '#federation';
import { DuesLedger } from './dues-ledger.js';
import { DuesRecognition } from './dues-recognition.service.js';
import { DuesControlAccounts } from './dues-control-accounts.service.js';
import { RecognitionSettingRepository } from './recognition-setting.repository.js';
import { DuesMembers } from './dues-members.js';
import { DuesPlanRepository } from './dues-plan.repository.js';
import { DuesPlanService } from './dues-plan.service.js';
import { DuesQueries } from './dues-queries.service.js';
import { DuesReportRepository } from './dues-report.repository.js';
import { DuesReports } from './dues-reports.service.js';
import { duesEntities } from './entities.js';
import { FiscalYearIssuanceRepository } from './fiscal-year-issuance.repository.js';
import { FiscalYearIssuance } from './fiscal-year-issuance.service.js';
import { InvoiceCounterRepository } from './invoice-counter.repository.js';
import { InvoiceIssuer } from './invoice-issuer.service.js';
import { InvoiceRepository } from './invoice.repository.js';
import { InvoiceSettlement } from './invoice-settlement.service.js';
import { InvoiceBatchSettlement } from './invoice-batch-settlement.service.js';
import { InvoiceVoiding } from './invoice-voiding.service.js';
import { MembershipCancellation } from './membership-cancellation.service.js';
import { MembershipLifecycle } from './membership-lifecycle.service.js';
import { MembershipRepository } from './membership.repository.js';
import { MembershipEnrollment } from './membership-enrollment.service.js';
import { MembershipService } from './membership.service.js';
import { MembershipStarts } from './membership-starts.service.js';
import { MembershipStandingScan } from './membership-standing-scan.service.js';
import { MembershipRenewal } from './membership-renewal.service.js';
import { MembershipTransfer } from './membership-transfer.service.js';
import { RenewalIssuanceRepository } from './renewal-issuance.repository.js';
import { RenewalIssuance } from './renewal-issuance.service.js';
import { RenewalQueries } from './renewal-queries.service.js';
import { MembershipAutoRenew } from './membership-auto-renew.service.js';
import { AuditModule } from '#audit';

@Module({
  imports: [TypeOrmModule.forFeature(duesEntities), LedgerModule, MembersModule, FederationModule, AuditModule],
  providers: [
    // repositories
    DuesPlanRepository,
    MembershipRepository,
    InvoiceRepository,
    InvoiceCounterRepository,
    FiscalYearIssuanceRepository,
    DuesReportRepository,
    RecognitionSettingRepository,
    RenewalIssuanceRepository,
    // other libraries, seen from dues
    DuesLedger,
    DuesMembers,
    // use cases
    DuesRecognition,
    DuesControlAccounts,
    DuesPlanService,
    MembershipLifecycle,
    MembershipService,
    MembershipEnrollment,
    MembershipStandingScan,
    MembershipCancellation,
    MembershipRenewal,
    MembershipStarts,
    MembershipTransfer,
    MembershipAutoRenew,
    InvoiceIssuer,
    InvoiceSettlement,
    InvoiceBatchSettlement,
    InvoiceVoiding,
    FiscalYearIssuance,
    RenewalIssuance,
    RenewalQueries,
    DuesQueries,
    DuesReports,
  ],
  exports: [DuesPlanService, DuesQueries, InvoiceVoiding, DuesRecognition, DuesControlAccounts, MembershipService, MembershipEnrollment, MembershipStandingScan, MembershipStarts, InvoiceSettlement, InvoiceBatchSettlement, MembershipLifecycle, MembershipRenewal, MembershipTransfer, MembershipAutoRenew, FiscalYearIssuance, RenewalIssuance, RenewalQueries, DuesReports, MembershipCancellation, MembershipRepository, InvoiceRepository],
})
export class DuesModule {}
