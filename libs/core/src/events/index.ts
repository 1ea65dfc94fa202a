export * from './domain-events.js';
export * from './domain-event-handler.decorator.js';
export * from './domain-event-registry.js';
export * from './domain-events.service.js';
export * from './domain-event-delivery.entity.js';
