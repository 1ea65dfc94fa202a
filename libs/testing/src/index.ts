export * from './test-database.js';
export * from './ledger-balance.js';
export * from './mime.js';
export * from './smtp-capture.js';
export * from './eventually.js';
export * from './query-counter.js';
export * from './factories/branch.factory.js';
export * from './factories/member.factory.js';
