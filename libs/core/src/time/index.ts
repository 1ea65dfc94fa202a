export * from './clock.js';
export * from './dates.js';
