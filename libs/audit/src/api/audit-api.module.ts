import { Module } from '@nestjs/common';
import { AuditModule } from '../audit.module.js';
import { AuditEventResolver } from './audit-event.resolver.js';

/** The audit log's GraphQL layer (imported by apps/gateway only). */
@Module({
  imports: [AuditModule],
  providers: [AuditEventResolver],
})
export class AuditApiModule {}
