export * from './audit-event.entity.js';
export * from './audit-log.service.js';
export * from './audit.module.js';
export * from './api/json.scalar.js';
export * from './entities.js';
export * from './api/audit-api.module.js';
