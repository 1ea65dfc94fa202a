import { Injectable, Logger } from '@nestjs/common';
import { Clock, TransactionService } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { BranchDirectory } from '#federation';
import { DuesLedger } from './dues-ledger.js';
import { FiscalYearIssuanceRepository } from './fiscal-year-issuance.repository.js';
import { InvoiceCounterRepository } from './invoice-counter.repository.js';
import { PAYMENT_TERM_DAYS } from './invoice-issuer.service.js';
import { isIsoDate } from './periods.js';
import { DuesError } from './dues.errors.js';

export interface BranchIssuance {
  branchId: string;
  branchCode: string;
  issued: number;
  firstSequence: number | null;
  lastSequence: number | null;
}

export interface FiscalYearIssuanceResult {
  fiscalYear: number;
  issued: number;
  branches: BranchIssuance[];
}

export interface IssuanceOptions {
  branchId?: string;
  /** The issue date when it is not today: a run recorded after the fact (an import, the demo's history). Never in the future. */
  issuedOn?: string;
  /** Invoices whose ledger entries go in one postMany call (two entries each). */
  ledgerBatchSize?: number;
  /** Told how many memberships are due an invoice, then of each batch done (for a progress bar). */
  onTotal?: (total: number) => void;
  onProgress?: (done: number) => void;
}

/**
 * Issues the fiscal-year dues invoices of a whole federation (or one branch),
 * set-based: per branch, one transaction that locks the branch's counter once,
 * inserts every invoice with one INSERT … SELECT (numbers by row_number, shares
 * computed in SQL) and posts the ledger entries with postMany in batches.
 * Idempotent: a second run finds nothing due (and the unique key
 * membership + period would refuse a duplicate anyway).
 */
@Injectable()
export class FiscalYearIssuance {
  private readonly logger = new Logger(FiscalYearIssuance.name);

  constructor(
    private readonly tx: TransactionService,
    private readonly branchDirectory: BranchDirectory,
    private readonly issuance: FiscalYearIssuanceRepository,
    private readonly counters: InvoiceCounterRepository,
    private readonly ledger: DuesLedger,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async issue(actor: Actor, fiscalYear: number, options: IssuanceOptions = {}): Promise<FiscalYearIssuanceResult> {
    if (!Number.isInteger(fiscalYear) || fiscalYear < 2000 || fiscalYear > 2100) {
      throw DuesError.fiscalYearOutOfRange();
    }
    if (options.issuedOn !== undefined && (!isIsoDate(options.issuedOn) || options.issuedOn > this.clock.today())) {
      throw DuesError.issueDateInvalid();
    }
    if (options.branchId && !(await this.branchDirectory.find(options.branchId))) {
      throw DuesError.branchNotFound('branchId', options.branchId);
    }
    const due = await this.issuance.countEligible(fiscalYear, options.branchId);
    const branches = await this.branchDirectory.getMany(due.map((b) => b.branchId));
    options.onTotal?.(due.reduce((s, b) => s + b.count, 0));
    const results: BranchIssuance[] = [];
    for (const { branchId } of due) {
      results.push(await this.issueForBranch(actor, fiscalYear, branchId, branches.get(branchId)!.code, options));
    }
    return { fiscalYear, issued: results.reduce((s, r) => s + r.issued, 0), branches: results };
  }

  private async issueForBranch(actor: Actor, fiscalYear: number, branchId: string, branchCode: string, options: IssuanceOptions): Promise<BranchIssuance> {
    const batchSize = options.ledgerBatchSize ?? 2000;
    return this.tx.run(async () => {
      const last = await this.counters.lock(branchId, fiscalYear);
      const issued = await this.issuance.insertInvoices({
        branchId,
        branchCode,
        fiscalYear,
        lastSequence: last,
        issuedOn: options.issuedOn ?? this.clock.today(),
        paymentTermDays: PAYMENT_TERM_DAYS,
      });
      if (issued === 0) return { branchId, branchCode, issued, firstSequence: null, lastSequence: null };
      await this.counters.advanceTo(branchId, fiscalYear, last + issued);
      for (let after = last; after < last + issued; ) {
        const batch = await this.issuance.invoicesAfter(branchId, fiscalYear, after, batchSize);
        await this.ledger.postInvoices(batch);
        after = batch.at(-1)!.sequence;
        options.onProgress?.(batch.length);
      }
      await this.audit.record(actor, {
        action: 'duesInvoice.issueFiscalYear',
        entityType: 'DuesIssuance',
        entityId: `${fiscalYear}:${branchCode}`,
        branchId,
        after: { fiscalYear, issued, firstSequence: last + 1, lastSequence: last + issued },
      });
      this.logger.log(`fiscal year ${fiscalYear}, branch ${branchCode}: ${issued} invoices`);
      return { branchId, branchCode, issued, firstSequence: last + 1, lastSequence: last + issued };
    });
  }
}
