import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerModule } from '#ledger';
import { BranchResolver } from './api/branch.resolver.js';
import { BranchCache } from './branch-cache.js';
import { BranchDirectory } from './branch-directory.service.js';
import { BranchLoader } from './branch.loader.js';
import { BranchRepository } from './branch.repository.js';
import { BranchService } from './branch.service.js';
import { federationEntities } from './entities.js';
import { AuditModule } from '#audit';

@Module({
  imports: [TypeOrmModule.forFeature(federationEntities), LedgerModule, AuditModule],
  providers: [BranchRepository, BranchCache, BranchService, BranchDirectory, BranchLoader, BranchResolver],
  exports: [BranchService, BranchDirectory, BranchLoader],
})
export class FederationModule {}
