import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import { federationShareSql } from './allocation.js';
import { CURRENT_STATUSES } from './membership-status.js';
import { issueNumberedInvoicesSql, issuedTotalsOf, type IssuedTotals } from './invoice-issuance-sql.js';
import type { RecognitionPolicy } from './recognition-policy.js';

const PERIOD_START = `make_date($2::int, p.fiscal_year_start_month, 1)`;

/**
 * Memberships due an invoice for fiscal year $2: in a status that still holds
 * a place, on a fiscal-year plan (the plan chosen for renewal, if any), whose
 * latest invoiced period ended before this one, without an invoice for it yet.
 */
const ELIGIBLE = `
    FROM memberships m
    JOIN dues_plans p ON p.id = COALESCE(m.next_plan_id, m.plan_id)
   WHERE m.status = ANY($1::text[])
     AND p.period_mode = 'FISCAL_YEAR'
     AND m.period_end < ${PERIOD_START}
     AND NOT EXISTS (SELECT 1 FROM dues_invoices i WHERE i.membership_id = m.id AND i.period_start = ${PERIOD_START})`;

/** The set-based statements of the fiscal-year issuance. */
@Injectable()
export class FiscalYearIssuanceRepository {
  constructor(private readonly tx: TransactionService) {}

  /** Eligible memberships per branch (all branches, or one). */
  async countEligible(fiscalYear: number, branchId?: string): Promise<{ branchId: string; count: number }[]> {
    const rows: { branch_id: string; n: number }[] = await this.tx.manager.query(
      `SELECT m.branch_id, count(*)::int AS n ${ELIGIBLE} AND ($3::uuid IS NULL OR m.branch_id = $3::uuid)
        GROUP BY m.branch_id ORDER BY m.branch_id`,
      [CURRENT_STATUSES, fiscalYear, branchId ?? null],
    );
    return rows.map((r) => ({ branchId: r.branch_id, count: r.n }));
  }

  /**
   * One statement for a branch: numbers the eligible memberships after
   * `lastSequence` (row_number, in order of joining), inserts their invoices
   * with the plan's amount and shares computed in SQL, and moves each membership
   * to the new period (switching to the plan chosen for renewal). Returns how many, and their
   * totals per currency (what an ACCRUAL run's summary entry posts). The caller holds the branch's counter lock.
   */
  async insertInvoices(args: {
    branchId: string;
    branchCode: string;
    fiscalYear: number;
    lastSequence: number;
    issuedOn: string;
    paymentTermDays: number;
    recognition: RecognitionPolicy;
  }): Promise<{ issued: number; totals: IssuedTotals[] }> {
    const [row] = await this.tx.manager.query(
      `WITH eligible AS (
         SELECT m.id AS membership_id, m.member_id, m.joined_on, p.id AS plan_id, p.currency, p.amount,
                ${federationShareSql('p')} AS federation_share, ${PERIOD_START} AS period_start
         ${ELIGIBLE} AND m.branch_id = $3
       ), numbered AS (
         SELECT e.*, (e.period_start + interval '1 year' - interval '1 day')::date AS period_end,
                $4::int + (row_number() OVER (ORDER BY e.joined_on, e.membership_id))::int AS sequence
           FROM eligible e
       ), ${issueNumberedInvoicesSql({ branchId: '$3', fiscalYear: '$2::int', branchCode: '$5::text', issuedOn: '$6::date', paymentTermDays: '$7::int', recognition: '$8' })}`,
      [CURRENT_STATUSES, args.fiscalYear, args.branchId, args.lastSequence, args.branchCode, args.issuedOn, args.paymentTermDays, args.recognition],
    );
    return { issued: row.issued as number, totals: issuedTotalsOf(row.totals) };
  }
}
