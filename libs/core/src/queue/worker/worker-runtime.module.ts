import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DomainEventDeliveryProcessor } from '../../events/domain-event-delivery.processor.js';
import { JobHandlerRegistry } from './job-handler.registry.js';
import { OutboxRelay } from './outbox-relay.js';
import { queueProcessors } from './queue-processors.js';

/** What makes a process a worker: the outbox relay, one processor per queue, the handler registry. */
@Module({
  imports: [DiscoveryModule],
  providers: [JobHandlerRegistry, OutboxRelay, DomainEventDeliveryProcessor, ...queueProcessors],
  exports: [OutboxRelay, JobHandlerRegistry],
})
export class WorkerRuntimeModule {}
