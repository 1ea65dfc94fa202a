import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { duesEntities } from './entities.js';

@Module({
  imports: [TypeOrmModule.forFeature(duesEntities)],
  providers: [],
  exports: [],
})
export class DuesModule {}
