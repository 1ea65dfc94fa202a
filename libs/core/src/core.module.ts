import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { QueueModule } from './queue/queue.module.js';
import { OutboxEntry } from './queue/outbox.entity.js';
import { DomainEventDelivery } from './events/domain-event-delivery.entity.js';
import { Clock } from './time/clock.js';
import { HealthService } from './health/health.service.js';
import { DomainEventRegistry } from './events/domain-event-registry.js';
import { DomainEvents } from './events/domain-events.service.js';
import { OneTimeLinks } from './links/one-time-links.js';

/** Config, database, transactions, queues, domain events, the clock and one-time links: what every app needs. */
// Global: infrastructure every module needs (the clock, domain events, one-time links, and through it config,
// database and queues). Only #core may declare a @Global module (test/architecture.spec.ts); a domain library's
// services are imported by name, so the map's arrows stay visible in each module's imports.
@Global()
@Module({})
export class CoreModule {
  static forRoot(): DynamicModule {
    return {
      module: CoreModule,
      imports: [ConfigModule, DatabaseModule.forRoot(), QueueModule.forRoot(), TypeOrmModule.forFeature([OutboxEntry, DomainEventDelivery]), DiscoveryModule],
      providers: [Clock, HealthService, OneTimeLinks, DomainEventRegistry, DomainEvents],
      exports: [Clock, HealthService, OneTimeLinks, TypeOrmModule, DomainEvents, DomainEventRegistry],
    };
  }
}
