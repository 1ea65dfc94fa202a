import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RedisConfig } from '../config/redis.config.js';
import { ConfigError } from '../config/env.js';

/** Checks Redis at boot (fail fast with one sentence) and answers health checks. */
@Injectable()
export class RedisProbe implements OnModuleInit, OnModuleDestroy {
  private client: Redis | null = null;

  constructor(private readonly config: RedisConfig) {}

  async onModuleInit(): Promise<void> {
    this.client = new Redis({ ...this.config.connection, lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 1, retryStrategy: () => null });
    this.client.on('error', () => undefined);
    try {
      await this.client.connect();
      await this.client.ping();
    } catch (error) {
      this.client.disconnect();
      this.client = null;
      throw new ConfigError(`Cannot connect to Redis at ${this.config.address} (REDIS_URL): ${(error as Error).message}`);
    }
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.client?.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.client?.quit().catch(() => undefined);
  }
}
