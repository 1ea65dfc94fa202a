import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import { federationShareSql } from './allocation.js';
import { CURRENT_STATUSES } from './membership-status.js';
import { insertNumberedInvoicesSql, issuedSql, issuedTotalsOf, type IssuedTotals } from './invoice-issuance-sql.js';
import type { RecognitionPolicy } from './recognition-policy.js';

/**
 * The next anniversary period of a membership, in SQL: it starts the day after the latest
 * invoiced period and ends the day before the following anniversary of the join date
 * (`anniversaryPeriod` of periods.ts: k years after the anchor, 29 February as 28 February).
 */
const NEXT_START = `(m.period_end + 1)`;
const YEARS = `(((extract(year from ${NEXT_START}) - extract(year from m.joined_on)) * 12 + (extract(month from ${NEXT_START}) - extract(month from m.joined_on)) + 6)::int / 12)`;
const NEXT_END = `((m.joined_on + make_interval(years => ${YEARS} + 1))::date - 1)`;
/** Anniversary invoices are numbered in the April year of the period start (invoiceFiscalYear). */
const FISCAL_YEAR = `(CASE WHEN extract(month from ${NEXT_START}) >= 4 THEN extract(year from ${NEXT_START}) ELSE extract(year from ${NEXT_START}) - 1 END)::int`;

/**
 * Memberships due their next anniversary invoice on $2: in a status that still holds a place, on
 * an anniversary plan (the plan chosen for renewal, if any), whose latest invoiced period ends
 * within $3 days, without an invoice for the next period yet. `DUE_WHERE` after a FROM that
 * names memberships `m` and its plan `p`.
 */
const DUE_PLAN = `JOIN dues_plans p ON p.id = COALESCE(m.next_plan_id, m.plan_id)`;
const DUE_WHERE = `m.status = ANY($1::text[])
     AND p.period_mode = 'ANNIVERSARY'
     AND m.period_end <= $2::date + $3::int
     AND NOT EXISTS (SELECT 1 FROM dues_invoices i WHERE i.membership_id = m.id AND i.period_start = ${NEXT_START})`;

/** The set-based statements of the anniversary renewal run (RenewalIssuance). */
@Injectable()
export class RenewalIssuanceRepository {
  constructor(private readonly tx: TransactionService) {}

  /**
   * One scan of memberships for the whole run: writes the due memberships' ids per branch and
   * fiscal year of the next period into the run's working list (renewal_issuance_due, under
   * `runId`) and returns how many per branch and fiscal year. Outside the branches' transactions:
   * nothing is locked here, each branch's statement re-checks its rows (insertInvoices).
   */
  async collectDue(runId: string, asOf: string, leadDays: number, branchId?: string): Promise<{ branchId: string; fiscalYear: number; count: number }[]> {
    // Lists of runs killed half-way (a day old: a run takes minutes)..
    await this.tx.manager.query(`DELETE FROM renewal_issuance_due WHERE created_on < current_date - 1`);
    // Listed in memberships' physical order (no ORDER BY), which the index keeps within a branch: each branch reads its rows page by page.
    const rows: { branch_id: string; fiscal_year: number; n: number }[] = await this.tx.manager.query(
      `WITH listed AS (
         INSERT INTO renewal_issuance_due (run_id, branch_id, fiscal_year, membership_id)
         SELECT $5::uuid, m.branch_id, ${FISCAL_YEAR}, m.id
           FROM memberships m ${DUE_PLAN}
          WHERE ${DUE_WHERE} AND ($4::uuid IS NULL OR m.branch_id = $4::uuid)
         RETURNING branch_id, fiscal_year
       )
       SELECT branch_id, fiscal_year, count(*)::int AS n FROM listed GROUP BY 1, 2 ORDER BY 1, 2`,
      [CURRENT_STATUSES, asOf, leadDays, branchId ?? null, runId],
    );
    // The branches' statements join the list to memberships by id: give the planner its size (a fresh table has no statistics).
    await this.tx.manager.query(`ANALYZE renewal_issuance_due`);
    return rows.map((r) => ({ branchId: r.branch_id, fiscalYear: r.fiscal_year, count: r.n }));
  }

  /** Removes a run's working list (when the run ends, whether it issued everything or failed). */
  async dropCollected(runId: string): Promise<void> {
    await this.tx.manager.query(`DELETE FROM renewal_issuance_due WHERE run_id = $1`, [runId]);
  }

  /**
   * One statement for a branch and fiscal year: of the memberships the run listed for it
   * (collectDue), moves those still due to their next period (one UPDATE … WHERE <still due>,
   * by id: the move is the lock, one row version per membership; a payment, cancellation or plan
   * change committed since the list was made is seen — PostgreSQL re-evaluates the WHERE on a row
   * changed meanwhile, and one no longer due is left out), numbers the moved ones after
   * `lastSequence` (row_number, by period and id: one invoice per moved row, so no gap), and
   * inserts their invoices (the plan's amount and shares computed in SQL, due on the period's first
   * day but at least the payment term after issue). Returns how many, and their totals per
   * currency (an ACCRUAL run's summary entry). The caller holds the counter lock, so a second run
   * (or a second worker) waits, then finds nothing due.
   */
  async insertInvoices(args: {
    runId: string;
    asOf: string;
    leadDays: number;
    branchId: string;
    branchCode: string;
    fiscalYear: number;
    lastSequence: number;
    paymentTermDays: number;
    recognition: RecognitionPolicy;
  }): Promise<{ issued: number; totals: IssuedTotals[] }> {
    const [row] = await this.tx.manager.query(
      `WITH moved AS (
         -- SET and WHERE read the row before the move; RETURNING gives the new period (and the plan chosen for renewal).
         UPDATE memberships m
            SET plan_id = p.id, next_plan_id = NULL, period_start = ${NEXT_START}, period_end = ${NEXT_END}, updated_at = now()
           FROM dues_plans p
          -- The listed rows by primary key (the ids as an array: joined to the list, the planner would guess one row
          -- for the re-check's conditions and loop over the branch's memberships, or hash them all).
          WHERE m.id = ANY (ARRAY(SELECT r.membership_id FROM renewal_issuance_due r WHERE r.run_id = $10::uuid AND r.branch_id = $4 AND r.fiscal_year = $5))
            AND p.id = COALESCE(m.next_plan_id, m.plan_id)
            AND ${DUE_WHERE} AND m.branch_id = $4 AND ${FISCAL_YEAR} = $5
         RETURNING m.id AS membership_id, m.member_id, p.id AS plan_id, p.currency, p.amount, ${federationShareSql('p')} AS federation_share,
                   m.period_start, m.period_end
       ), numbered AS (
         SELECT d.*, $6::int + (row_number() OVER (ORDER BY d.period_start, d.membership_id))::int AS sequence FROM moved d
       ), ${insertNumberedInvoicesSql({ branchId: '$4', fiscalYear: '$5::int', branchCode: '$7::text', issuedOn: '$2::date', paymentTermDays: '$8::int', recognition: '$9' })}
       ${issuedSql('inserted')}`,
      [CURRENT_STATUSES, args.asOf, args.leadDays, args.branchId, args.fiscalYear, args.lastSequence, args.branchCode, args.paymentTermDays, args.recognition, args.runId],
    );
    return { issued: row.issued as number, totals: issuedTotalsOf(row.totals) };
  }
}
