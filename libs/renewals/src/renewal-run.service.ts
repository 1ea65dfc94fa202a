import { Injectable, Logger } from '@nestjs/common';
import { Clock, RenewalsConfig } from '#core';
import { RENEWAL_RUNNERS, Role, requireBranch, type Actor } from '#auth';
import { FiscalYearIssuance, MembershipStandingScan, MembershipStarts, RenewalIssuance, addDays, fiscalYearOf } from '#dues';
import { RenewalError } from './renewals.errors.js';
import { RenewalReminders } from './renewal-reminders.service.js';

export interface RenewalRunResult {
  asOf: string;
  branchId: string | null;
  /** PENDING memberships paid in advance whose join date came. */
  started: number;
  /** Fiscal-year plans: the next fiscal year's invoices (from `leadDays` before 1 April). */
  fiscalYearInvoices: number;
  /** Anniversary plans: the next period's invoices, `leadDays` before the period ends. */
  renewalInvoices: number;
  intoGrace: number;
  lapsed: number;
  remindersSent: number;
}

export type RenewalStep = 'invoices' | 'reminders';

export interface RenewalRunOptions {
  branchId?: string | null;
  /** For a progress bar: the size of a step when it starts, then each part done. */
  onTotal?: (step: RenewalStep, total: number) => void;
  onProgress?: (step: RenewalStep, done: number) => void;
}

/**
 * The daily renewal run (the `renewals.run` job scheduler, Asia/Tokyo; also on demand through
 * GraphQL `runRenewals` and `npm run cli -- renewals:run`). Every step is set-based and
 * idempotent, so a run repeated, killed half-way and run again, or run on two workers at once,
 * leaves the same result:
 *   1. renewal invoices: fiscal-year plans for the fiscal year starting within `leadDays` (all on
 *      1 April), anniversary plans for periods ending within `leadDays`; memberships paid in
 *      advance start on their join date;
 *   3. standing: a period ended unpaid → GRACE, grace run out → LAPSED (conditional, locked
 *      UPDATEs: a payment committed meanwhile is never overwritten);
 *   4. reminders due today (30 and 7 days before, on the day, before grace ends), each once.
 */
@Injectable()
export class RenewalRun {
  private readonly logger = new Logger(RenewalRun.name);

  constructor(
    private readonly config: RenewalsConfig,
    private readonly clock: Clock,
    private readonly starts: MembershipStarts,
    private readonly fiscalYear: FiscalYearIssuance,
    private readonly renewals: RenewalIssuance,
    private readonly standing: MembershipStandingScan,
    private readonly reminders: RenewalReminders,
  ) {}

  /** Checks who may run it (FORBIDDEN otherwise; BAD_USER_INPUT for an unknown branch), then runs it. */
  async runAs(actor: Actor, options: RenewalRunOptions = {}): Promise<RenewalRunResult> {
    if (options.branchId) {
      // An unknown branch is BAD_USER_INPUT on branchId (the fiscal-year step checks it first).
      requireBranch(actor, options.branchId, RENEWAL_RUNNERS);
    } else if (!actor.has(Role.FEDERATION_ADMIN)) {
      throw RenewalError.wholeFederationNeedsAdmin();
    }
    return this.run(actor, options);
  }

  async run(actor: Actor, options: RenewalRunOptions = {}): Promise<RenewalRunResult> {
    const asOf = this.clock.today();
    const branchId = options.branchId ?? undefined;
    const leadDays = this.config.leadDays;
    const progress = (step: RenewalStep) => ({
      onTotal: (n: number) => options.onTotal?.(step, n),
      onProgress: (n: number) => options.onProgress?.(step, n),
    });
    const fy = await this.fiscalYear.issue(actor, fiscalYearOf(addDays(asOf, leadDays)), { branchId, ...progress('invoices') });
    const started = await this.starts.activateStarted({ branchId });
    const renewalInvoices = await this.renewals.issue(actor, leadDays, { branchId, ...progress('invoices') });
    const { intoGrace, lapsed } = await this.standing.run(actor, asOf, { branchId });
    const remindersSent = await this.reminders.sendDue(asOf, { branchId, onProgress: progress('reminders').onProgress });
    const result = { asOf, branchId: branchId ?? null, started, fiscalYearInvoices: fy.issued, renewalInvoices, intoGrace, lapsed, remindersSent };
    this.logger.log(`renewal run ${JSON.stringify(result)}`);
    return result;
  }
}
