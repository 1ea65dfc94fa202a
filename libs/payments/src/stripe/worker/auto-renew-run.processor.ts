import { Injectable } from '@nestjs/common';
import { Clock, JobHandler, type JobPayloads } from '#core';
import { AutoRenewRun, type AutoRenewRunSummary } from '../auto-renew-run.service.js';

/** The `autorenew.run` job (the daily scheduler's, or an admin's on-demand run): a failed invoice fails the job, for BullMQ to retry. */
@Injectable()
export class AutoRenewRunProcessor {
  constructor(
    private readonly run: AutoRenewRun,
    private readonly clock: Clock,
  ) {}

  @JobHandler('autorenew.run')
  async onJob(payload: JobPayloads['autorenew.run']): Promise<AutoRenewRunSummary> {
    const summary = await this.run.run(payload.on ?? this.clock.today());
    if (summary.failed > 0) throw new Error(`auto-renew run of ${summary.on}: ${summary.failed} invoices failed (retried by the job)`);
    return summary;
  }
}
