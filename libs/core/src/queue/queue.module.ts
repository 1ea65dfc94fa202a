import { Global, Module, type DynamicModule } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { RedisConfig } from '../config/redis.config.js';
import { QUEUES } from './jobs.js';
import { OutboxService } from './outbox.service.js';
import { RedisProbe } from './redis-probe.js';

/** BullMQ connection and the queues (producer side) plus the outbox writer. */
@Global()
@Module({})
export class QueueModule {
  static forRoot(): DynamicModule {
    const queues = QUEUES.map((name) => BullModule.registerQueue({ name }));
    return {
      module: QueueModule,
      imports: [
        BullModule.forRootAsync({
          inject: [RedisConfig],
          useFactory: (redis: RedisConfig) => ({ connection: redis.connection, prefix: redis.queuePrefix }),
        }),
        ...queues,
      ],
      providers: [OutboxService, RedisProbe],
      exports: [OutboxService, RedisProbe, ...queues],
    };
  }
}
