export * from './locale.js';
export * from './input-validation.pipe.js';
export * from './query-cost.rule.js';
export * from './error-formatter.js';
export * from './app-error.filter.js';
export * from './uuid-arg.pipe.js';
export * from './date-only.validator.js';
export * from './preloaded-fields.js';
