import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { paymentsEntities } from './entities.js';

@Module({
  imports: [TypeOrmModule.forFeature(paymentsEntities)],
  providers: [],
  exports: [],
})
export class PaymentsModule {}
