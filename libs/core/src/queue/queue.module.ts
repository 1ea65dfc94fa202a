import { Global, Module, type DynamicModule } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { RedisConfig } from '../config/redis.config.js';
import { QUEUES } from './jobs.js';
import { OutboxService, OutboxWakeUp } from './outbox.service.js';
import { RedisProbe, assertRedisReachable } from './redis-probe.js';

/** BullMQ connection and the queues (producer side) plus the outbox writer. */
// Global: infrastructure every module needs. Whoever changes something writes its after-commit work as an outbox row
// (OutboxService) in the same transaction; there is one Redis connection and one set of queues per app.
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
          // Checked before any queue or worker connects: an unreachable Redis stops the start with one sentence.
          useFactory: async (redis: RedisConfig) => {
            await assertRedisReachable(redis);
            return { connection: redis.connection, prefix: redis.queuePrefix };
          },
        }),
        ...queues,
      ],
      providers: [OutboxService, OutboxWakeUp, RedisProbe],
      exports: [OutboxService, OutboxWakeUp, RedisProbe, ...queues],
    };
  }
}
