import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { QueueModule } from './queue/queue.module.js';
import { OutboxEntry } from './queue/outbox.entity.js';
import { Clock } from './time/clock.js';
import { HealthService } from './health/health.service.js';
import { OneTimeLinks } from './links/one-time-links.js';

/** Config, database, transactions, queues, the clock and one-time links: what every app needs. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(): DynamicModule {
    return {
      module: CoreModule,
      imports: [ConfigModule, DatabaseModule.forRoot(), QueueModule.forRoot(), TypeOrmModule.forFeature([OutboxEntry])],
      providers: [Clock, HealthService, OneTimeLinks],
      exports: [Clock, HealthService, OneTimeLinks, TypeOrmModule],
    };
  }
}
