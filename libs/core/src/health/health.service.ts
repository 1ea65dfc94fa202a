import { Injectable } from '@nestjs/common';
import { TransactionService } from '../database/transaction.service.js';
import { RedisProbe } from '../queue/redis-probe.js';

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: boolean;
  redis: boolean;
}

@Injectable()
export class HealthService {
  constructor(
    private readonly tx: TransactionService,
    private readonly redis: RedisProbe,
  ) {}

  async check(): Promise<HealthReport> {
    const [database, redis] = await Promise.all([
      this.tx.dataSource.query('SELECT 1').then(() => true, () => false),
      this.redis.ping(),
    ]);
    return { status: database && redis ? 'ok' : 'degraded', database, redis };
  }
}
