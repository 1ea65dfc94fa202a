import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEvent } from './audit-event.entity.js';
import { AuditLog } from './audit-log.service.js';
import { AuditEventResolver } from './api/audit-event.resolver.js';

@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent])],
  providers: [AuditLog, AuditEventResolver],
  exports: [AuditLog],
})
export class AuditModule {}
