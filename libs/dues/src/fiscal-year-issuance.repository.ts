import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import { federationShareSql } from './allocation.js';
import { CURRENT_STATUSES } from './membership-status.js';
import type { InvoiceToPost } from './dues-ledger.js';
import { invoiceNumberSql } from './invoice-number.js';

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
   * to the new period (switching to the plan chosen for renewal). Returns how many.
   * The caller holds the branch's counter lock.
   */
  async insertInvoices(args: { branchId: string; branchCode: string; fiscalYear: number; lastSequence: number; issuedOn: string; paymentTermDays: number }): Promise<number> {
    const [row] = await this.tx.manager.query(
      `WITH eligible AS (
         SELECT m.id AS membership_id, m.member_id, m.joined_on, p.id AS plan_id, p.currency, p.amount,
                ${federationShareSql('p')} AS federation_share, ${PERIOD_START} AS period_start
         ${ELIGIBLE} AND m.branch_id = $3
       ), numbered AS (
         SELECT e.*, (e.period_start + interval '1 year' - interval '1 day')::date AS period_end,
                $4::int + (row_number() OVER (ORDER BY e.joined_on, e.membership_id))::int AS sequence
           FROM eligible e
       ), inserted AS (
         INSERT INTO dues_invoices (membership_id, member_id, branch_id, plan_id, fiscal_year, sequence, number, period_start, period_end,
                                    issued_on, due_on, currency, amount, federation_share, branch_share)
         SELECT n.membership_id, n.member_id, $3, n.plan_id, $2, n.sequence, ${invoiceNumberSql('$5::text', '$2::int', 'n.sequence')},
                n.period_start, n.period_end, $6::date, GREATEST(n.period_start, $6::date + $7::int), n.currency, n.amount,
                n.federation_share, n.amount - n.federation_share
           FROM numbered n
         RETURNING membership_id, plan_id, period_start, period_end
       ), moved AS (
         UPDATE memberships m
            SET plan_id = i.plan_id, next_plan_id = NULL, period_start = i.period_start, period_end = i.period_end, updated_at = now()
           FROM inserted i
          WHERE m.id = i.membership_id
         RETURNING 1
       )
       SELECT count(*)::int AS issued FROM moved`,
      [CURRENT_STATUSES, args.fiscalYear, args.branchId, args.lastSequence, args.branchCode, args.issuedOn, args.paymentTermDays],
    );
    return row.issued as number;
  }

  /** A batch of the branch's invoices of the year with a sequence above `afterSequence` (keyset on the unique index). */
  async invoicesAfter(branchId: string, fiscalYear: number, afterSequence: number, limit: number): Promise<(InvoiceToPost & { sequence: number })[]> {
    const rows: Record<string, string | number>[] = await this.tx.manager.query(
      `SELECT id, number, sequence, issued_on::text AS issued_on, currency, amount::text, federation_share::text, branch_share::text
         FROM dues_invoices
        WHERE branch_id = $1 AND fiscal_year = $2 AND sequence > $3
        ORDER BY sequence
        LIMIT $4`,
      [branchId, fiscalYear, afterSequence, limit],
    );
    return rows.map((r) => ({
      id: r.id as string,
      branchId,
      number: r.number as string,
      sequence: Number(r.sequence),
      issuedOn: r.issued_on as string,
      currency: (r.currency as string).trim(),
      amount: BigInt(r.amount),
      federationShare: BigInt(r.federation_share),
      branchShare: BigInt(r.branch_share),
    }));
  }
}
