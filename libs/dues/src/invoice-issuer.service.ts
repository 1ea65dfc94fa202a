import { Injectable } from '@nestjs/common';
import { Clock, isUniqueViolation } from '#core';
import { BranchDirectory } from '#federation';
import { allocate } from './allocation.js';
import { DuesError } from './dues.errors.js';
import { InvoiceStatus } from './dues-enums.js';
import type { DuesPlan } from './dues-plan.entity.js';
import { DuesLedger } from './dues-ledger.js';
import { DuesRecognition } from './dues-recognition.service.js';
import { RecognitionPolicy } from './recognition-policy.js';
import { InvoiceCounterRepository } from './invoice-counter.repository.js';
import { Invoice } from './invoice.entity.js';
import { invoiceNumber } from './invoice-number.js';
import { InvoiceRepository } from './invoice.repository.js';
import type { Membership } from './membership.entity.js';
import { DEFAULT_FISCAL_YEAR_START_MONTH, PeriodMode, addDays, fiscalYearOf, prorate, type Period } from './periods.js';

/** Days a member has to pay an invoice issued after its period started (or close to it). */
export const PAYMENT_TERM_DAYS = 30;

/** The fiscal year an invoice is numbered in: the plan's fiscal year for fiscal-year plans, the April year of the period start otherwise. */
export function invoiceFiscalYear(plan: Pick<DuesPlan, 'periodMode' | 'fiscalYearStartMonth'>, period: Period): number {
  const startMonth = plan.periodMode === PeriodMode.FISCAL_YEAR ? plan.fiscalYearStartMonth : DEFAULT_FISCAL_YEAR_START_MONTH;
  return fiscalYearOf(period.start, startMonth);
}

/** Due on the period's first day, but never sooner than PAYMENT_TERM_DAYS after issue. */
export function dueDate(period: Period, issuedOn: string): string {
  const earliest = addDays(issuedOn, PAYMENT_TERM_DAYS);
  return period.start > earliest ? period.start : earliest;
}

/**
 * Issues one invoice, in the caller's transaction: takes the branch's next
 * number (the counter row stays locked until commit: gap-free), snapshots the
 * plan's amount and shares; under ACCRUAL posts its entries (ON_RECEIPT: nothing until paid).
 */
@Injectable()
export class InvoiceIssuer {
  constructor(
    private readonly branches: BranchDirectory,
    private readonly counters: InvoiceCounterRepository,
    private readonly invoices: InvoiceRepository,
    private readonly ledger: DuesLedger,
    private readonly recognition: DuesRecognition,
    private readonly clock: Clock,
  ) {}

  /** CONFLICT when the membership already has an invoice for the period starting `periodStart` (the unique key is the last word under races). */
  async assertNotInvoiced(membershipId: string, periodStart: string): Promise<void> {
    if ((await this.invoices.forMembership(membershipId)).some((i) => i.periodStart === periodStart)) throw DuesError.alreadyInvoiced(periodStart);
  }

  async issue(membership: Membership, plan: DuesPlan, period: Period, options: { proratedMonths?: number | null } = {}): Promise<Invoice> {
    const issuedOn = this.clock.today();
    const months = options.proratedMonths ?? 12;
    const amount = months < 12 ? prorate(plan.amount, months) : plan.amount;
    const shares = allocate(amount, plan.rule, months);
    const fiscalYear = invoiceFiscalYear(plan, period);
    const recognition = await this.recognition.forBranch(membership.branchId);
    const sequence = await this.counters.take(membership.branchId, fiscalYear);
    const invoice = Object.assign(new Invoice(), {
      membershipId: membership.id,
      memberId: membership.memberId,
      branchId: membership.branchId,
      planId: plan.id,
      fiscalYear,
      sequence,
      number: invoiceNumber((await this.branches.get(membership.branchId)).code, fiscalYear, sequence),
      periodStart: period.start,
      periodEnd: period.end,
      issuedOn,
      dueOn: dueDate(period, issuedOn),
      currency: plan.currency,
      amount,
      federationShare: shares.federation,
      branchShare: shares.branch,
      proratedMonths: months < 12 ? months : null,
      paidAmount: 0n,
      status: InvoiceStatus.OPEN,
      paidOn: null,
      voidedAt: null,
      voidReason: null,
      recognition,
    });
    try {
      await this.invoices.insert(invoice);
    } catch (error) {
      if (isUniqueViolation(error, 'dues_invoices_membership_period_key')) throw DuesError.alreadyInvoiced(period.start);
      throw error;
    }
    if (recognition === RecognitionPolicy.ACCRUAL) await this.ledger.postInvoices([invoice]);
    return invoice;
  }
}
