export * from './dues.module.js';
export * from './entities.js';
