import { Module } from '@nestjs/common';
import { GrantsModule } from '../grants.module.js';
import { GrantApplicationResolver } from './grant-application.resolver.js';
import { GrantDecisionResolver } from './grant-decision.resolver.js';
import { GrantPaymentResolver } from './grant-payment.resolver.js';
import { GrantProgramResolver } from './grant-program.resolver.js';
import { GrantReportResolver } from './grant-report.resolver.js';

/** Programs, applications, decisions, payments and reports of the foundation's grants over GraphQL (imported by apps/gateway only). */
@Module({
  imports: [GrantsModule],
  providers: [GrantProgramResolver, GrantApplicationResolver, GrantDecisionResolver, GrantPaymentResolver, GrantReportResolver],
})
export class GrantsApiModule {}
