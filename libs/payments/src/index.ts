export * from './payments.module.js';
export * from './entities.js';
