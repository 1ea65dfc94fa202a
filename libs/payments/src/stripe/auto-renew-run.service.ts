import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock, OutboxService, TransactionService } from '#core';
import { MembershipAutoRenew } from '#dues';
import { Role, type Actor } from '#auth';
import { AuditLog } from '#audit';
import { OnlinePaymentsError } from './online-payments.errors.js';
import { AutoRenewCharging, type AutoRenewAttemptResult } from './auto-renew-charging.service.js';

export type AutoRenewRunSummary = { on: string; invoices: number } & Record<AutoRenewAttemptResult | 'failed', number>;

/** Invoices read per page (keyset by id); each is then charged on its own, one after the other. */
const PAGE = 200;

/**
 * The daily auto-renew run (a BullMQ job scheduler in the worker, 06:00 Asia/Tokyo; on demand by an
 * admin through GraphQL, which queues the same job, or `npm run cli -- dues:auto-renew` with a
 * progress bar): every open invoice of an auto-renew membership due within the charging window gets
 * the attempt due on `on`, if any (AutoRenewCharging). Run twice, or on two workers at once, it
 * charges nothing twice: each attempt has one row and one Stripe idempotency key.
 */
@Injectable()
export class AutoRenewRun {
  private readonly logger = new Logger(AutoRenewRun.name);

  constructor(
    private readonly tx: TransactionService,
    private readonly outbox: OutboxService,
    private readonly due: MembershipAutoRenew,
    private readonly charging: AutoRenewCharging,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /** The run a person starts (`dues:auto-renew --as`): a federation admin's only, audited under their name. */
  async runAs(actor: Actor, on: string | undefined, progress?: Parameters<AutoRenewRun['run']>[1]): Promise<AutoRenewRunSummary> {
    if (!actor.has(Role.FEDERATION_ADMIN)) throw OnlinePaymentsError.autoRenewRunNeedsAdmin();
    const summary = await this.run(on, progress);
    await this.audit.record(actor, { action: 'autoRenew.run', entityType: 'AutoRenewRun', entityId: summary.on, after: { ...summary } });
    return summary;
  }

  async run(
    on = this.clock.today(),
    progress: { onTotal?: (total: number) => void; onInvoice?: (result: AutoRenewAttemptResult | 'failed') => void } = {},
  ): Promise<AutoRenewRunSummary> {
    progress.onTotal?.(await this.due.countDueInvoices(on));
    const summary: AutoRenewRunSummary = { on, invoices: 0, succeeded: 0, processing: 0, declined: 0, requires_action: 0, no_card: 0, nothing_due: 0, failed: 0 };
    let after: string | null = null;
    for (;;) {
      const page = await this.due.dueInvoices(on, { after, limit: PAGE });
      for (const invoice of page) {
        let result: AutoRenewAttemptResult | 'failed';
        try {
          result = await this.charging.attempt(invoice, on);
        } catch (error) {
          // One invoice's trouble (Stripe unreachable, a bug) does not stop the others; its row stays CHARGING and the next run asks again.
          this.logger.error(`auto-renew of invoice ${invoice.invoiceNumber} failed: ${(error as Error).message}`);
          result = 'failed';
        }
        summary.invoices += 1;
        summary[result] += 1;
        progress.onInvoice?.(result);
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1].invoiceId;
    }
    return summary;
  }

  /** Queues a run for the worker (an admin's on-demand run); the job's id is new each time. */
  async queue(on = this.clock.today()): Promise<string> {
    const jobId = `autorenew-run.${on}.${randomUUID()}`;
    await this.tx.run(() => this.outbox.enqueue('autorenew.run', { on }, jobId));
    return jobId;
  }
}
