import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Clock, RenewalsConfig, TransactionService, inLanes } from '#core';
import { DuesError } from './dues.errors.js';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { BranchDirectory } from '#federation';
import { DuesLedger } from './dues-ledger.js';
import { InvoiceCounterRepository } from './invoice-counter.repository.js';
import { PAYMENT_TERM_DAYS } from './invoice-issuer.service.js';
import { RenewalIssuanceRepository } from './renewal-issuance.repository.js';
import { DuesRecognition } from './dues-recognition.service.js';
import { invoiceNumber } from './invoice-number.js';
import { RecognitionPolicy } from './recognition-policy.js';

export interface RenewalIssuanceOptions {
  branchId?: string;
  /** Branch and fiscal-year transactions at once (default RENEWAL_CONCURRENCY, 2; 1: one after another). */
  concurrency?: number;
  onTotal?: (total: number) => void;
  onProgress?: (done: number) => void;
}

/** Days before a period ends that its renewal invoice is issued, unless configured otherwise. */
export const DEFAULT_RENEWAL_LEAD_DAYS = 30;

/**
 * The renewal invoices of anniversary plans, set-based: every membership whose latest invoiced
 * period ends within `leadDays` of today gets the next period's invoice. Per branch and fiscal
 * year, one transaction locks the counter and inserts the invoices with one INSERT … SELECT;
 * `concurrency` of them at once, largest first (they share no row: each its own counter and
 * memberships, and under ACCRUAL its own branch book's chain). Idempotent: a second run, or a second worker at
 * the same time (it waits on the counter lock, then finds nothing due), issues nothing; the unique
 * key membership + period refuses a duplicate anyway. Posts like a fiscal-year run: nothing under
 * ON_RECEIPT (the default), one summary entry per branch and run under ACCRUAL. Fiscal-year plans renew together on the
 * fiscal year's first day (FiscalYearIssuance); MembershipRenewal issues one by hand.
 */
@Injectable()
export class RenewalIssuance {
  private readonly logger = new Logger(RenewalIssuance.name);

  constructor(
    private readonly tx: TransactionService,
    private readonly branchDirectory: BranchDirectory,
    private readonly renewals: RenewalIssuanceRepository,
    private readonly counters: InvoiceCounterRepository,
    private readonly ledger: DuesLedger,
    private readonly recognition: DuesRecognition,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly config: RenewalsConfig,
  ) {}

  /** How many invoices were issued. */
  async issue(actor: Actor, leadDays: number, options: RenewalIssuanceOptions = {}): Promise<number> {
    if (!Number.isInteger(leadDays) || leadDays < 0 || leadDays > 365) {
      throw DuesError.leadDaysOutOfRange();
    }
    const asOf = this.clock.today();
    // One scan lists the due memberships per branch and fiscal year; each branch's transaction then reads only its own.
    const runId = randomUUID();
    try {
      const due = await this.renewals.collectDue(runId, asOf, leadDays, options.branchId);
      options.onTotal?.(due.reduce((s, d) => s + d.count, 0));
      const branches = await this.branchDirectory.getMany([...new Set(due.map((d) => d.branchId))]);
      // Largest first: the run ends when its longest lane does.
      const groups = [...due].sort((a, b) => b.count - a.count);
      const issued = await inLanes(groups, options.concurrency ?? this.config.concurrency, (group) =>
        this.issueFor(actor, runId, asOf, leadDays, { ...group, branchCode: branches.get(group.branchId)!.code }, options),
      );
      return issued.reduce((s, n) => s + n, 0);
    } finally {
      await this.renewals.dropCollected(runId);
    }
  }

  private async issueFor(
    actor: Actor,
    runId: string,
    asOf: string,
    leadDays: number,
    group: { branchId: string; branchCode: string; fiscalYear: number },
    options: RenewalIssuanceOptions,
  ): Promise<number> {
    return this.tx.run(async () => {
      const recognition = await this.recognition.forBranch(group.branchId);
      const last = await this.counters.lock(group.branchId, group.fiscalYear);
      const { issued, totals } = await this.renewals.insertInvoices({ runId, asOf, leadDays, ...group, lastSequence: last, paymentTermDays: PAYMENT_TERM_DAYS, recognition });
      if (issued === 0) return 0;
      await this.counters.advanceTo(group.branchId, group.fiscalYear, last + issued);
      const firstNumber = invoiceNumber(group.branchCode, group.fiscalYear, last + 1);
      const lastNumber = invoiceNumber(group.branchCode, group.fiscalYear, last + issued);
      // ON_RECEIPT (the default): the invoices are claims, nothing is posted. ACCRUAL: one summary entry per branch and run.
      if (recognition === RecognitionPolicy.ACCRUAL) {
        for (const t of totals) {
          await this.ledger.postRun(group.branchId, {
            runKey: `renewals:${asOf}:${group.branchId}:${group.fiscalYear}:${last + 1}:${t.currency}`,
            runName: { ja: `会費更新 ${asOf}`, en: `Dues renewals ${asOf}` },
            issuedOn: asOf,
            firstNumber,
            lastNumber,
            ...t,
          });
        }
      }
      options.onProgress?.(issued);
      await this.audit.record(actor, {
        action: 'duesInvoice.issueRenewals',
        entityType: 'DuesIssuance',
        entityId: `${group.fiscalYear}:${group.branchCode}:${asOf}`,
        branchId: group.branchId,
        after: { asOf, leadDays, fiscalYear: group.fiscalYear, issued, firstSequence: last + 1, lastSequence: last + issued, recognition },
      });
      this.logger.log(`renewals ${asOf}, branch ${group.branchCode}, fiscal year ${group.fiscalYear}: ${issued} invoices (${recognition})`);
      return issued;
    });
  }
}
