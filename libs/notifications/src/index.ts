export * from './notifications.module.js';
export * from './entities.js';
