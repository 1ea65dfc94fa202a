import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager, type EntityTarget, type ObjectLiteral, type Repository } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel.js';
import { PgCode, pgCode } from '../errors/pg-errors.js';
import { type SqlStatement, withDeferredWrites } from './deferred-writes.js';

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
interface TransactionContext {
  manager: EntityManager;
  /** Run once the transaction has committed (never after a rollback). */
  afterCommit: (() => void)[];
  /** Writes sent with the transaction's next prepared statement, or just before the commit (deferWrite). */
  deferred: SqlStatement[];
}

@Injectable()
export class TransactionService {
  private readonly logger = new Logger(TransactionService.name);
  private readonly context = new AsyncLocalStorage<TransactionContext>();

  constructor(readonly dataSource: DataSource) {}

  /** The manager of the current transaction, or the pool's manager outside one. */
  get manager(): EntityManager {
    return this.context.getStore()?.manager ?? this.dataSource.manager;
  }

  /**
   * Runs `effect` once the current transaction has committed (never if it rolls back), or now when
   * there is none. For signals that must not be sent from inside a writing transaction (a NOTIFY
   * takes a global lock held through the commit's WAL flush). `effect` must not throw; it is not awaited.
   */
  afterCommit(effect: () => void): void {
    const current = this.context.getStore();
    if (current) current.afterCommit.push(effect);
    else effect();
  }

  /**
   * Sends `write` — a plain INSERT into an append-only table nobody reads in the writing transaction (audit
   * events, outbox rows) — with the transaction's next statement run through PreparedStatements (as a
   * data-modifying CTE in front of it), or on its own just before the commit: one round trip less each.
   * Outside a transaction: false, and the caller runs it itself. An error in it fails that statement, or the commit.
   */
  deferWrite(write: SqlStatement): boolean {
    const current = this.context.getStore();
    if (!current) return false;
    current.deferred.push(write);
    return true;
  }

  /** The deferred writes not sent yet, now taken (PreparedStatements sends them with its statement). */
  takeDeferredWrites(): SqlStatement[] {
    const current = this.context.getStore();
    if (!current || current.deferred.length === 0) return [];
    return current.deferred.splice(0);
  }

  get active(): boolean {
    return this.context.getStore() !== undefined;
  }

  repository<T extends ObjectLiteral>(entity: EntityTarget<T>): Repository<T> {
    return this.manager.getRepository(entity);
  }

  async run<T>(work: (manager: EntityManager) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const current = this.context.getStore();
    if (current) return work(current.manager);
    const attempts = options.attempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      const afterCommit: (() => void)[] = [];
      try {
        const body = (manager: EntityManager) =>
          this.context.run({ manager, afterCommit, deferred: [] }, async () => {
            const result = await work(manager);
            // Deferred writes no later statement carried: on their own, before the commit.
            const left = this.takeDeferredWrites();
            if (left.length > 0) {
              const flush = withDeferredWrites(left, { text: 'SELECT 1', values: [] })!;
              await manager.query(flush.text, [...flush.values]);
            }
            return result;
          });
        // READ COMMITTED is every connection's default (dataSourceOptions): no SET TRANSACTION round trip for it.
        const isolation = options.isolation === 'READ COMMITTED' ? undefined : options.isolation;
        const result = await (isolation ? this.dataSource.transaction(isolation, body) : this.dataSource.transaction(body));
        // Outside the transaction's async context: what these do joins no transaction.
        this.context.exit(() => {
          for (const effect of afterCommit) effect();
        });
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
