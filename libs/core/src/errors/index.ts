export * from './app-error.js';
export * from './pg-errors.js';
export * from './validation-messages.js';
export * from './error-catalogue.js';
export * from './core.errors.js';
