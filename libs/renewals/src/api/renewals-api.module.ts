import { Module } from '@nestjs/common';
import { DuesModule } from '#dues';
import { RenewalsModule } from '../renewals.module.js';
import { UpcomingRenewalLoader } from '../upcoming-renewal.loader.js';
import { RenewalRunResolver } from './renewal-run.resolver.js';
import { UpcomingRenewalResolver } from './upcoming-renewal.resolver.js';

/** The renewal run and upcomingRenewal over GraphQL, with its per-request loader (imported by apps/gateway only). */
@Module({
  imports: [RenewalsModule, DuesModule],
  providers: [UpcomingRenewalLoader, RenewalRunResolver, UpcomingRenewalResolver],
})
export class RenewalsApiModule {}
