export * from './members.module.js';
export * from './entities.js';
