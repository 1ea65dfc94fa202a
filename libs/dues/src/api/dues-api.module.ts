import { Module } from '@nestjs/common';
import { DuesModule } from '../dues.module.js';
import { MembershipLoaders } from '../membership.loaders.js';
import { DuesPlanResolver } from './dues-plan.resolver.js';
import { DuesRecognitionResolver } from './dues-recognition.resolver.js';
import { DuesReportResolver } from './dues-report.resolver.js';
import { InvoiceResolver } from './invoice.resolver.js';
import { MembershipResolver } from './membership.resolver.js';

/** Plans, memberships, invoices and the dues reports over GraphQL, with the memberships' per-request loaders (imported by apps/gateway only). */
@Module({
  imports: [DuesModule],
  providers: [MembershipLoaders, DuesPlanResolver, MembershipResolver, InvoiceResolver, DuesReportResolver, DuesRecognitionResolver],
})
export class DuesApiModule {}
