import { Module } from '@nestjs/common';
import { FederationModule } from '../federation.module.js';
import { BranchLoader } from '../branch.loader.js';
import { BranchResolver } from './branch.resolver.js';

/** Branches over GraphQL, and the per-request branch loader other libraries' field resolvers use (imported by apps/gateway and other Api modules only). */
@Module({
  imports: [FederationModule],
  providers: [BranchLoader, BranchResolver],
  exports: [BranchLoader],
})
export class FederationApiModule {}
