import { Injectable } from '@nestjs/common';
import { TransactionService } from '../database/transaction.service.js';
import { OutboxService, assertJobId } from '../queue/outbox.service.js';
import { DomainEventRegistry } from './domain-event-registry.js';
import type { DomainEventName, DomainEventPayloads } from './domain-events.js';

/**
 * Publishes a domain event from inside the transaction that made the change: in-transaction
 * listeners run now, in that transaction; one outbox row (job `domain-event.deliver`) carries
 * the event to the worker, which runs the after-commit listeners once each. The publisher does
 * not know who listens. Publishing outside a transaction is a programming error.
 */
@Injectable()
export class DomainEvents {
  constructor(
    private readonly tx: TransactionService,
    private readonly registry: DomainEventRegistry,
    private readonly outbox: OutboxService,
  ) {}

  /** `key` names this occurrence (letters, digits, '.', '-', '_'), e.g. `invoice-paid.${invoiceId}`. */
  async publish<K extends DomainEventName>(event: K, payload: DomainEventPayloads[K], key: string): Promise<void> {
    if (!this.tx.active) throw new Error(`Domain event ${event} published outside a transaction`);
    assertJobId(key);
    for (const listener of this.registry.listenersOf(event, 'in-transaction')) await listener.handle(payload);
    await this.outbox.enqueue('domain-event.deliver', { event, key, payload: payload as Record<string, unknown> }, `event.${key}`);
  }

  /**
   * The same event for many occurrences (a bulk payment call): listeners per payload, one outbox INSERT —
   * `deferred`: sent with the transaction's next prepared statement (OutboxService.enqueueMany).
   */
  async publishMany<K extends DomainEventName>(
    event: K,
    occurrences: readonly { payload: DomainEventPayloads[K]; key: string }[],
    options: { deferred?: boolean } = {},
  ): Promise<void> {
    if (occurrences.length === 0) return;
    if (!this.tx.active) throw new Error(`Domain event ${event} published outside a transaction`);
    for (const o of occurrences) assertJobId(o.key);
    for (const listener of this.registry.listenersOf(event, 'in-transaction')) for (const o of occurrences) await listener.handle(o.payload);
    await this.outbox.enqueueMany(
      'domain-event.deliver',
      occurrences.map((o) => ({ payload: { event, key: o.key, payload: o.payload as Record<string, unknown> }, jobId: `event.${o.key}` })),
      { deferred: options.deferred },
    );
  }
}
