import { Injectable } from '@nestjs/common';
import { JobHandler, type JobPayloads } from '#core';
import { SYSTEM_ACTOR } from '#auth';
import { RenewalRun, type RenewalRunResult } from '../renewal-run.service.js';

/** The `renewals.run` job (the daily scheduler's, or one enqueued on demand): today's run, as the system. */
@Injectable()
export class RenewalRunProcessor {
  constructor(private readonly run: RenewalRun) {}

  @JobHandler('renewals.run')
  async process(payload: JobPayloads['renewals.run']): Promise<RenewalRunResult> {
    return this.run.run(SYSTEM_ACTOR, { branchId: payload.branchId ?? null });
  }
}
