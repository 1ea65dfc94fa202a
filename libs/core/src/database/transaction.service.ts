import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager, type EntityTarget, type ObjectLiteral, type Repository } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel.js';
import { PgCode, pgCode } from '../errors/pg-errors.js';

export interface TransactionOptions {
  isolation?: IsolationLevel;
  /** Attempts on serialization failure or deadlock; default 5. */
  attempts?: number;
}

/**
 * The one way to run a transaction. The EntityManager is bound to the async
 * context, so repositories find it without it being passed around, and a
 * nested run joins the outer transaction. Retries on serialization failure and
 * deadlock. Open it at the use-case level (service method), never in a repository.
 */
@Injectable()
export class TransactionService {
  private readonly logger = new Logger(TransactionService.name);
  private readonly context = new AsyncLocalStorage<EntityManager>();
  /** Per open transaction (by its manager): what runs once it has committed. */
  private readonly committed = new WeakMap<EntityManager, Map<string, () => Promise<unknown>>>();

  constructor(readonly dataSource: DataSource) {}

  /** The manager of the current transaction, or the pool's manager outside one. */
  get manager(): EntityManager {
    return this.context.getStore() ?? this.dataSource.manager;
  }

  get active(): boolean {
    return this.context.getStore() !== undefined;
  }

  /**
   * Runs `work` once the current transaction has committed (at once outside a transaction); never
   * after a rollback. Keyed: the same key twice in one transaction runs once (e.g. one wake-up of
   * the outbox relay for many rows). A failure is logged, not thrown: the transaction is done.
   * For what must not hold the transaction's locks through its commit (a NOTIFY takes a global
   * lock through the commit's WAL flush and would serialize every writer).
   */
  async afterCommit(key: string, work: () => Promise<unknown>): Promise<void> {
    const current = this.context.getStore();
    if (!current) {
      await work();
      return;
    }
    const pending = this.committed.get(current) ?? new Map<string, () => Promise<unknown>>();
    this.committed.set(current, pending);
    if (!pending.has(key)) pending.set(key, work);
  }

  repository<T extends ObjectLiteral>(entity: EntityTarget<T>): Repository<T> {
    return this.manager.getRepository(entity);
  }

  async run<T>(work: (manager: EntityManager) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const current = this.context.getStore();
    if (current) return work(current);
    const attempts = options.attempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        let pending: Map<string, () => Promise<unknown>> | undefined;
        const result = await this.dataSource.transaction(options.isolation ?? 'READ COMMITTED', (manager) =>
          this.context.run(manager, async () => {
            try {
              return await work(manager);
            } finally {
              pending = this.committed.get(manager);
              this.committed.delete(manager);
            }
          }),
        );
        for (const [key, after] of pending ?? []) {
          await after().catch((error: unknown) => this.logger.warn(`after-commit ${key} failed: ${String(error)}`));
        }
        return result;
      } catch (error) {
        const code = pgCode(error);
        const retryable = code === PgCode.serializationFailure || code === PgCode.deadlockDetected;
        if (!retryable || attempt >= attempts) throw error;
        this.logger.debug(`retrying transaction after ${code} (attempt ${attempt})`);
        await new Promise((r) => setTimeout(r, 5 * 2 ** attempt + Math.random() * 10));
      }
    }
  }
}
