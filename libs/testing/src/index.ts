export * from './test-database.js';
export * from './ledger-balance.js';
