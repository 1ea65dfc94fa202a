import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerModule } from '#ledger';
import { federationEntities } from './entities.js';

@Module({
  imports: [TypeOrmModule.forFeature(federationEntities), LedgerModule],
  providers: [],
  exports: [],
})
export class FederationModule {}
