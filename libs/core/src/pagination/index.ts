export * from './cursor.js';
export * from './connection.js';
export * from './keyset.js';
