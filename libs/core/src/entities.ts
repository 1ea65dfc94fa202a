import { DomainEventDelivery } from './events/domain-event-delivery.entity.js';
import { OutboxEntry } from './queue/outbox.entity.js';

export const coreEntities = [OutboxEntry, DomainEventDelivery];
