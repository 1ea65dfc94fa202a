import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RedisConfig } from '../config/redis.config.js';
import { ConfigError } from '../config/env.js';

/** A client that connects once, without retrying: for probes. */
function probeClient(config: RedisConfig): { client: Redis; lastError: () => Error | undefined } {
  const client = new Redis({ ...config.connection, lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 1, retryStrategy: () => null });
  let last: Error | undefined;
  client.on('error', (error: Error) => (last = error));
  return { client, lastError: () => last };
}

/** Connects and pings, or throws the one sentence naming REDIS_URL and the address. The connected client. */
async function connectOrFail(config: RedisConfig): Promise<Redis> {
  const { client, lastError } = probeClient(config);
  try {
    await client.connect();
    await client.ping();
    return client;
  } catch (error) {
    client.disconnect();
    // ioredis rejects with "Connection is closed"; the socket's own error says why.
    const reason = (lastError() ?? (error as Error)).message;
    throw new ConfigError(`Cannot connect to Redis at ${config.address} (REDIS_URL): ${reason}.`);
  }
}

/** Fails fast when Redis is unreachable, before BullMQ opens its connections (which would retry and log forever). */
export async function assertRedisReachable(config: RedisConfig): Promise<void> {
  const client = await connectOrFail(config);
  await client.quit().catch(() => undefined);
}

/** Checks Redis at boot (fail fast with one sentence) and answers health checks. */
@Injectable()
export class RedisProbe implements OnModuleInit, OnModuleDestroy {
  private client: Redis | null = null;

  constructor(private readonly config: RedisConfig) {}

  async onModuleInit(): Promise<void> {
    this.client = await connectOrFail(this.config);
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
