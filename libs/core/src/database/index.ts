export * from './transaction.service.js';
export * from './data-source-options.js';
export * from './database.module.js';
