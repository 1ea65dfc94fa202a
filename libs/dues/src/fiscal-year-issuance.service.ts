import { Injectable, Logger } from '@nestjs/common';
import { Clock, RenewalsConfig, TransactionService, inLanes } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { BranchDirectory } from '#federation';
import { DuesLedger } from './dues-ledger.js';
import { FiscalYearIssuanceRepository } from './fiscal-year-issuance.repository.js';
import { InvoiceCounterRepository } from './invoice-counter.repository.js';
import { PAYMENT_TERM_DAYS } from './invoice-issuer.service.js';
import { isIsoDate } from './periods.js';
import { invoiceNumber } from './invoice-number.js';
import { DuesRecognition } from './dues-recognition.service.js';
import { RecognitionPolicy } from './recognition-policy.js';
import { DuesError } from './dues.errors.js';

export interface BranchIssuance {
  branchId: string;
  branchCode: string;
  issued: number;
  firstSequence: number | null;
  lastSequence: number | null;
  /** The basis the branch's invoices were issued on (ACCRUAL: one summary entry posted per currency). */
  recognition: RecognitionPolicy;
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
  /** Branch transactions at once (default RENEWAL_CONCURRENCY, 2; 1: one after another). */
  concurrency?: number;
  /** Told how many memberships are due an invoice, then of each batch done (for a progress bar). */
  onTotal?: (total: number) => void;
  onProgress?: (done: number) => void;
}

/**
 * Issues the fiscal-year dues invoices of a whole federation (or one branch),
 * set-based: per branch, one transaction that locks the branch's counter once,
 * inserts every invoice with one INSERT … SELECT (numbers by row_number, shares
 * computed in SQL, totals returned by the same statement). Under ACCRUAL the branch's
 * run posts ONE summary entry (and the federation's mirror) naming the run and the
 * number range; under ON_RECEIPT it posts nothing (the invoices are claims).
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
    private readonly recognition: DuesRecognition,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly config: RenewalsConfig,
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
    // Each branch its own transaction (its own counter and memberships): `concurrency` at once, results in branch order.
    const results = await inLanes(due, options.concurrency ?? this.config.concurrency, ({ branchId }) => this.issueForBranch(actor, fiscalYear, branchId, branches.get(branchId)!.code, options));
    return { fiscalYear, issued: results.reduce((s, r) => s + r.issued, 0), branches: results };
  }

  private async issueForBranch(actor: Actor, fiscalYear: number, branchId: string, branchCode: string, options: IssuanceOptions): Promise<BranchIssuance> {
    return this.tx.run(async () => {
      const recognition = await this.recognition.forBranch(branchId);
      const last = await this.counters.lock(branchId, fiscalYear);
      const issuedOn = options.issuedOn ?? this.clock.today();
      const { issued, totals } = await this.issuance.insertInvoices({
        branchId,
        branchCode,
        fiscalYear,
        lastSequence: last,
        issuedOn,
        paymentTermDays: PAYMENT_TERM_DAYS,
        recognition,
      });
      if (issued === 0) return { branchId, branchCode, issued, firstSequence: null, lastSequence: null, recognition };
      await this.counters.advanceTo(branchId, fiscalYear, last + issued);
      const firstNumber = invoiceNumber(branchCode, fiscalYear, last + 1);
      const lastNumber = invoiceNumber(branchCode, fiscalYear, last + issued);
      if (recognition === RecognitionPolicy.ACCRUAL) {
        for (const t of totals) {
          await this.ledger.postRun(branchId, {
            runKey: `fiscal-year:${fiscalYear}:${branchId}:${last + 1}:${t.currency}`,
            runName: { ja: `${fiscalYear}年度会費`, en: `Fiscal-year ${fiscalYear} dues` },
            issuedOn,
            firstNumber,
            lastNumber,
            ...t,
          });
        }
      }
      options.onProgress?.(issued);
      await this.audit.record(actor, {
        action: 'duesInvoice.issueFiscalYear',
        entityType: 'DuesIssuance',
        entityId: `${fiscalYear}:${branchCode}`,
        branchId,
        after: { fiscalYear, issued, firstSequence: last + 1, lastSequence: last + issued, recognition },
      });
      this.logger.log(`fiscal year ${fiscalYear}, branch ${branchCode}: ${issued} invoices (${recognition})`);
      return { branchId, branchCode, issued, firstSequence: last + 1, lastSequence: last + issued, recognition };
    });
  }
}
