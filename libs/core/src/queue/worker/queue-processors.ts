import { Inject, type Provider, type Type } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QUEUES, type QueueName } from '../jobs.js';
import { JobHandlerRegistry } from './job-handler.registry.js';

/** Jobs of one queue that one worker process runs at once. */
export const QUEUE_CONCURRENCY: Readonly<Record<QueueName, number>> = {
  emails: 4,
  receipts: 2,
  renewals: 1,
  'stripe-events': 4,
  imports: 1,
  maintenance: 1,
  'domain-events': 4,
};

/** One BullMQ processor per queue; each dispatches to the job's @JobHandler. */
function processorFor(queue: QueueName): Type<WorkerHost> {
  @Processor(queue, { concurrency: QUEUE_CONCURRENCY[queue] })
  class QueueProcessor extends WorkerHost {
    constructor(@Inject(JobHandlerRegistry) private readonly registry: JobHandlerRegistry) {
      super();
    }

    async process(job: Job): Promise<unknown> {
      return this.registry.handle(job);
    }
  }
  Object.defineProperty(QueueProcessor, 'name', { value: `${queue.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}QueueProcessor` });
  return QueueProcessor;
}

export const queueProcessors: Provider[] = QUEUES.map(processorFor);
