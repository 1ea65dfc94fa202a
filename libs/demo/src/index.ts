export * from './demo.module.js';
export * from './demo-federation.service.js';
export * from './demo-money.js';
export * from './demo-plans.js';
export * from './demo-timeline.js';
export * from './demo.errors.js';
