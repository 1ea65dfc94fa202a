import { OutboxEntry } from './queue/outbox.entity.js';

export const coreEntities = [OutboxEntry];
