import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { federationEntities } from './entities.js';

@Module({
  imports: [TypeOrmModule.forFeature(federationEntities)],
  providers: [],
  exports: [],
})
export class FederationModule {}
