import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#audit';
import { FederationModule } from '#federation';
import { LedgerModule } from '#ledger';
import { DuesModule } from '#dues';
import { MembersModule } from '#members';
import { paymentsEntities } from './entities.js';
import { PaymentRepository } from './payment.repository.js';
import { SettlementRepository } from './settlement.repository.js';
import { PaymentRecording } from './payment-recording.service.js';
import { PaymentVoiding } from './payment-voiding.service.js';
import { PaymentReports } from './payment-reports.service.js';
import { MemberCredit } from './member-credit.service.js';
import { SettlementRecording } from './settlement-recording.service.js';
import { SettlementStatements } from './settlement-statements.service.js';
import { PaidInvoices } from './paid-invoices.service.js';
import { ExpectedPayments } from './expected-payments.service.js';

@Module({
  imports: [TypeOrmModule.forFeature(paymentsEntities), AuditModule, FederationModule, LedgerModule, DuesModule, MembersModule],
  providers: [
    PaymentRepository,
    SettlementRepository,
    PaymentRecording,
    PaymentVoiding,
    PaymentReports,
    MemberCredit,
    SettlementRecording,
    SettlementStatements,
    PaidInvoices,
    ExpectedPayments,
  ],
  exports: [PaymentRecording, PaymentVoiding, PaymentReports, MemberCredit, SettlementRecording, SettlementStatements, PaidInvoices, ExpectedPayments],
})
export class PaymentsModule {}
