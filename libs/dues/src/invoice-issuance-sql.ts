/**
 * The SQL both set-based issuances share (FiscalYearIssuanceRepository, RenewalIssuanceRepository):
 * they differ in which memberships are due and how their period is computed, not in how the
 * invoices are written. Each builds a CTE `numbered` and ends its statement with
 * `issueNumberedInvoicesSql(…)`.
 */
import { invoiceNumberSql } from './invoice-number.js';

export interface IssuedTotals {
  currency: string;
  count: number;
  amount: bigint;
  federationShare: bigint;
  branchShare: bigint;
}

/** The totals per currency of an `inserted` CTE of invoices (RETURNING currency, amount and shares), as JSON. */
const ISSUED_TOTALS_SQL = `(SELECT COALESCE(json_agg(t), '[]'::json) FROM (
                 SELECT currency, count(*)::int AS count, sum(amount)::text AS amount, sum(federation_share)::text AS federation_share,
                        sum(branch_share)::text AS branch_share
                   FROM inserted GROUP BY currency ORDER BY currency) t)`;

export function issuedTotalsOf(json: unknown): IssuedTotals[] {
  return (json as { currency: string; count: number; amount: string; federation_share: string; branch_share: string }[]).map((t) => ({
    currency: t.currency.trim(),
    count: t.count,
    amount: BigInt(t.amount),
    federationShare: BigInt(t.federation_share),
    branchShare: BigInt(t.branch_share),
  }));
}

/** SQL expressions (placeholders such as `$3`, with their casts) of the values every issued invoice takes. */
export interface IssuedInvoiceValues {
  branchId: string;
  /** int */
  fiscalYear: string;
  /** text, for the invoice number */
  branchCode: string;
  /** date */
  issuedOn: string;
  /** int: due on the period's first day, but at least this many days after issue */
  paymentTermDays: string;
  recognition: string;
}

/**
 * The CTE `inserted` after a CTE `numbered` (membership_id, member_id, plan_id, currency, amount,
 * federation_share, period_start, period_end, sequence): inserts the invoices (numbered
 * `<code>-<year>-<sequence>`), returning what the move and the totals need.
 */
export function insertNumberedInvoicesSql(v: IssuedInvoiceValues): string {
  return `inserted AS (
         INSERT INTO dues_invoices (membership_id, member_id, branch_id, plan_id, fiscal_year, sequence, number, period_start, period_end,
                                    issued_on, due_on, currency, amount, federation_share, branch_share, recognition)
         SELECT n.membership_id, n.member_id, ${v.branchId}, n.plan_id, ${v.fiscalYear}, n.sequence, ${invoiceNumberSql(v.branchCode, v.fiscalYear, 'n.sequence')},
                n.period_start, n.period_end, ${v.issuedOn}, GREATEST(n.period_start, ${v.issuedOn} + ${v.paymentTermDays}), n.currency, n.amount,
                n.federation_share, n.amount - n.federation_share, ${v.recognition}
           FROM numbered n
         RETURNING membership_id, plan_id, period_start, period_end, currency, amount, federation_share, branch_share
       )`;
}

/** The final SELECT of an issuance statement: `issued` (the rows of `counted`) and `totals` of `inserted` (issuedTotalsOf). */
export function issuedSql(counted: 'inserted' | 'moved'): string {
  return `SELECT (SELECT count(*)::int FROM ${counted}) AS issued, ${ISSUED_TOTALS_SQL} AS totals`;
}

/**
 * The tail of an issuance statement, after a CTE `numbered` (as insertNumberedInvoicesSql): inserts
 * the invoices, moves each membership to its invoice's period (switching to the plan chosen for
 * renewal), and selects `issued` (how many) and `totals` (per currency, JSON: issuedTotalsOf).
 * The renewal run moves its memberships first instead (RenewalIssuanceRepository: the move is its lock).
 */
export function issueNumberedInvoicesSql(v: IssuedInvoiceValues): string {
  return `${insertNumberedInvoicesSql(v)}, moved AS (
         UPDATE memberships m
            SET plan_id = i.plan_id, next_plan_id = NULL, period_start = i.period_start, period_end = i.period_end, updated_at = now()
           FROM inserted i
          WHERE m.id = i.membership_id
            -- The memberships by their primary key: joined on id alone, a well-estimated batch makes the planner
            -- hash every membership (a full scan per branch); with the ids as an array it looks up only these.
            AND m.id = ANY (ARRAY(SELECT membership_id FROM inserted))
         RETURNING 1
       )
       ${issuedSql('moved')}`;
}
