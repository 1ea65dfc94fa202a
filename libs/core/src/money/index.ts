export * from './currency.js';
export * from './money.js';
export * from './money.transformer.js';
export * from './money.object.js';
export * from './amount.scalar.js';
export * from './is-amount.validator.js';
export * from './dues-tax-note.js';
