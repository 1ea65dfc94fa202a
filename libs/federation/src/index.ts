export * from './branch.entity.js';
export * from './federation.module.js';
export * from './entities.js';
