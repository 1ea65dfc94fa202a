import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerModule } from '#ledger';
import { BranchCache } from './branch-cache.js';
import { BranchDirectory } from './branch-directory.service.js';
import { BranchRepository } from './branch.repository.js';
import { BranchService } from './branch.service.js';
import { federationEntities } from './entities.js';
import { AuditModule } from '#audit';

@Module({
  imports: [TypeOrmModule.forFeature(federationEntities), LedgerModule, AuditModule],
  providers: [BranchRepository, BranchCache, BranchService, BranchDirectory],
  exports: [BranchService, BranchDirectory, BranchCache],
})
export class FederationModule {}
