export * from './email-message.entity.js';
export * from './email-outbox.service.js';
export * from './templates/index.js';
export * from './worker/email-send.processor.js';
export * from './smtp-outcome.js';
export * from './notifications.module.js';
export * from './entities.js';
