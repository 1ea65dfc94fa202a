import { SetMetadata } from '@nestjs/common';
import type { JobName } from './jobs.js';

export const JOB_HANDLER = Symbol('JOB_HANDLER');

/** Marks a provider method as the handler of one job. The worker finds it at boot. */
export const JobHandler = (job: JobName): MethodDecorator => SetMetadata(JOB_HANDLER, job);
