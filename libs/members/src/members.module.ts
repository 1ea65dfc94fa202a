import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { membersEntities } from './entities.js';

@Module({
  imports: [TypeOrmModule.forFeature(membersEntities)],
  providers: [],
  exports: [],
})
export class MembersModule {}
