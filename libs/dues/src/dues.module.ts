import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DuesPlanRepository } from './dues-plan.repository.js';
import { duesEntities } from './entities.js';
import { InvoiceRepository } from './invoice.repository.js';
import { InvoiceSettlement } from './invoice-settlement.service.js';
import { MembershipLifecycle } from './membership-lifecycle.service.js';
import { MembershipRepository } from './membership.repository.js';

@Module({
  imports: [TypeOrmModule.forFeature(duesEntities)],
  providers: [DuesPlanRepository, MembershipRepository, InvoiceRepository, MembershipLifecycle, InvoiceSettlement],
  exports: [InvoiceSettlement, MembershipLifecycle],
})
export class DuesModule {}
