export * from './book.entity.js';
export * from './book.service.js';
export * from './chart.js';
export * from './posting.js';
export * from './ledger.module.js';
export * from './entities.js';
