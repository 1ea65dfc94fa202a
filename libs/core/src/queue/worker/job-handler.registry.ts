import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { Job } from 'bullmq';
import { ConfigError } from '../../config/env.js';
import { JOB_HANDLER } from '../job-handler.decorator.js';
import { JOBS, type JobName } from '../jobs.js';

type Handler = (payload: unknown, job: Job) => Promise<unknown>;

/**
 * Finds every @JobHandler at boot. The worker refuses to start unless each job
 * in the registry has exactly one handler.
 */
@Injectable()
export class JobHandlerRegistry implements OnModuleInit {
  private readonly logger = new Logger('Jobs');
  private readonly handlers = new Map<string, Handler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const found = new Map<string, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const proto = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const fn = instance[method] as Handler;
        const job = this.reflector.get<JobName | undefined>(JOB_HANDLER, fn);
        if (!job) continue;
        found.set(job, [...(found.get(job) ?? []), `${proto.constructor.name}.${method}`]);
        this.handlers.set(job, fn.bind(instance));
      }
    }
    const problems: string[] = [];
    for (const job of Object.keys(JOBS)) {
      const places = found.get(job) ?? [];
      if (places.length !== 1) problems.push(`${job} has ${places.length} handlers${places.length ? ` (${places.join(', ')})` : ''}`);
    }
    for (const job of found.keys()) if (!(job in JOBS)) problems.push(`${job} is handled but not in the job registry`);
    if (problems.length > 0) throw new ConfigError(`Worker cannot start: ${problems.join('; ')}.`);
    this.logger.log(`${this.handlers.size} job handlers registered`);
  }

  async handle(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`No handler for job ${job.name}`);
    return handler(job.data, job);
  }
}
