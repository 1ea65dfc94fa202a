export * from './transaction.service.js';
export * from './data-source-options.js';
export * from './database.module.js';
export * from './prepared-statements.js';
export * from './row-changes.js';
export * from './deferred-writes.js';
