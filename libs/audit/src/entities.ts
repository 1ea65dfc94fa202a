import { AuditEvent } from './audit-event.entity.js';

export const auditEntities = [AuditEvent];
