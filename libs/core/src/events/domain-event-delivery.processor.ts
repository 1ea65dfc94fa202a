import { Injectable } from '@nestjs/common';
import { TransactionService } from '../database/transaction.service.js';
import { JobHandler } from '../queue/job-handler.decorator.js';
import type { JobPayloads } from '../queue/jobs.js';
import { DomainEventRegistry } from './domain-event-registry.js';
import type { DomainEventName, DomainEventPayloads } from './domain-events.js';

/**
 * Runs the after-commit listeners of one event occurrence. Each runs in its own transaction
 * together with the record that it ran, so a listener's database work and "done" commit or
 * roll back as one: a retried job (a worker killed half-way) re-runs only the listeners that
 * did not finish. A failing listener fails the job, which BullMQ retries with backoff.
 */
@Injectable()
export class DomainEventDeliveryProcessor {
  constructor(
    private readonly tx: TransactionService,
    private readonly registry: DomainEventRegistry,
  ) {}

  @JobHandler('domain-event.deliver')
  async deliver(job: JobPayloads['domain-event.deliver']): Promise<{ ran: string[] }> {
    const ran: string[] = [];
    const failures: Error[] = [];
    for (const listener of this.registry.listenersOf(job.event as DomainEventName, 'after-commit')) {
      try {
        const done = await this.tx.run(async (m) => {
          const claimed: unknown[] = await m.query(
            `INSERT INTO domain_event_deliveries (event_key, listener) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING listener`,
            [job.key, listener.name],
          );
          if (claimed.length === 0) return false;
          await listener.handle(job.payload as DomainEventPayloads[DomainEventName]);
          return true;
        });
        if (done) ran.push(listener.name);
      } catch (error) {
        failures.push(error as Error);
      }
    }
    if (failures.length > 0) throw new AggregateError(failures, `${failures.length} listener(s) of ${job.event} failed: ${failures.map((f) => f.message).join('; ')}`);
    return { ran };
  }
}
