import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import { CURRENT_STATUSES, type MembershipStatus } from './membership-status.js';

/** What a membership renews into next (upcomingRenewal). */
export interface RenewalOutlook {
  membershipId: string;
  status: MembershipStatus;
  periodStart: string;
  periodEnd: string;
  paidThrough: string | null;
  joinedOn: string;
  /** The plan of the next period (the one chosen for renewal, else the current one). */
  planId: string;
  planPeriodMode: 'FISCAL_YEAR' | 'ANNIVERSARY';
  planAmount: bigint;
  currency: string;
  graceDays: number;
  /** The open renewal invoice of the latest period, when it is issued and unpaid. */
  openInvoice: { id: string; number: string; outstanding: bigint; dueOn: string; graceDays: number } | null;
  /** The latest period is invoiced and paid in full. */
  latestPaid: boolean;
  /** 自動更新: the member's saved card is charged on the due date (payments' auto-renew run). */
  autoRenew: boolean;
}

/** Where the keyset of openRenewalKeysSql continues. */
export interface OpenRenewalCursor {
  periodStart: string;
  invoiceId: string;
}

/** The most grace a plan may give (dues_plans.grace_days CHECK). */
const MAX_GRACE_DAYS = 366;

const OPEN_RENEWAL_COLUMNS = `m.id AS membership_id, m.member_id, m.branch_id, m.status, i.id AS invoice_id, i.number, i.currency,
       (i.amount - i.paid_amount)::text AS outstanding, i.period_start::text, i.period_end::text, i.due_on::text,
       (i.period_start - 1)::text AS ends_on, (i.period_start - 1 + p.grace_days)::text AS grace_end, p.name_ja, p.name_en`;

/** The parameters of the open-renewal fragments: each a placeholder (`$1`) or an SQL expression of the caller's statement. */
export interface OpenRenewalsSqlParams {
  /** text[]: the statuses that still hold a place (CURRENT_STATUSES). */
  statuses: string;
  asOf: string;
  leadDays: string;
  /** uuid or NULL: one branch, or all. */
  branchId: string;
  /** date and uuid, or NULL: the keyset continues after this invoice. */
  afterPeriodStart: string;
  afterInvoiceId: string;
  limit: string;
}

/**
 * A keyset batch of open invoices that may be renewals due a reminder (the invoice columns
 * openRenewalsSql reads, by `period_start` and `id`): read in order from
 * dues_invoices_unpaid_period_idx, `limit` rows after the cursor, so each batch costs the same
 * however many came before, nothing is sorted beyond the batch and no invoice is read twice.
 * openRenewalsSql keeps those that are reminder candidates. `member_id` is the membership's
 * (a foreign key holds the pair, migration 1764000430000): a caller may narrow the batch by member first.
 */
export function openRenewalKeysSql(p: OpenRenewalsSqlParams): string {
  return `SELECT i.id, i.membership_id, i.member_id, i.plan_id, i.status, i.number, i.currency, i.amount, i.paid_amount, i.period_start, i.period_end, i.due_on
         FROM dues_invoices i
        WHERE i.status IN ('OPEN', 'PARTIALLY_PAID')
          AND i.period_start BETWEEN ${p.asOf}::date - ${MAX_GRACE_DAYS} AND ${p.asOf}::date + ${p.leadDays}::int + 1
          -- The first batch too starts after a cursor (before every invoice): with "cursor IS NULL OR …" the first batch
          -- has no index condition on the keyset, and on statistics older than the invoices just issued the planner
          -- read every open invoice in the window and sorted them (1,000,000 rows, on disk) instead of the index in order.
          AND (i.period_start, i.id) > (COALESCE(${p.afterPeriodStart}::date, '-infinity'::date), COALESCE(${p.afterInvoiceId}::uuid, '00000000-0000-0000-0000-000000000000'::uuid))
        ORDER BY i.period_start, i.id
        LIMIT ${p.limit}`;
}

/**
 * Of the invoices of `keys` (a relation with the columns of openRenewalKeysSql, e.g. its CTE), the
 * open renewal invoices (not a joiner's first) of current memberships whose period being renewed
 * ends within `leadDays` after `asOf` or ended with its grace not yet over: reminder candidates,
 * as a SELECT for a caller's statement (the renewals' reminder run inserts from it in one
 * statement), the columns of OPEN_RENEWAL_COLUMNS plus the dates as dates (`period_start_date`,
 * `ends_on_date`, `grace_end_date`).
 */
export function openRenewalsSql(keys: string, p: Omit<OpenRenewalsSqlParams, 'afterPeriodStart' | 'afterInvoiceId' | 'limit'>): string {
  return `SELECT ${OPEN_RENEWAL_COLUMNS}, i.period_start AS period_start_date, i.period_start - 1 AS ends_on_date, i.period_start - 1 + p.grace_days AS grace_end_date
         FROM ${keys} i
         JOIN memberships m ON m.id = i.membership_id AND m.period_start = i.period_start
         JOIN dues_plans p ON p.id = i.plan_id
        WHERE i.status IN ('OPEN', 'PARTIALLY_PAID')
          AND m.status = ANY(${p.statuses}::text[])
          AND (${p.branchId}::uuid IS NULL OR m.branch_id = ${p.branchId}::uuid)
          AND i.period_start > m.joined_on
          AND i.period_start - 1 <= ${p.asOf}::date + ${p.leadDays}::int
          AND i.period_start - 1 + p.grace_days >= ${p.asOf}::date`;
}

/**
 * Reads for the renewals library over memberships and invoices (their tables are dues'), in the
 * caller's transaction: the outlook of memberships (the reminder candidates are SQL fragments above).
 */
@Injectable()
export class RenewalQueries {
  constructor(private readonly tx: TransactionService) {}

  /** The outlook of each membership among `membershipIds` (one query). */
  async outlooks(membershipIds: readonly string[]): Promise<Map<string, RenewalOutlook>> {
    const rows: Record<string, string | null>[] = await this.tx.manager.query(
      `SELECT m.id, m.status, m.auto_renew::text, m.period_start::text, m.period_end::text, m.paid_through::text, m.joined_on::text,
              p.id AS plan_id, p.period_mode, p.amount::text, p.currency, p.grace_days,
              i.id AS invoice_id, i.number, (i.amount - i.paid_amount)::text AS outstanding, i.due_on::text, i.status AS invoice_status,
              ip.grace_days AS invoice_grace_days
         FROM memberships m
         JOIN dues_plans p ON p.id = COALESCE(m.next_plan_id, m.plan_id)
         LEFT JOIN dues_invoices i ON i.membership_id = m.id AND i.period_start = m.period_start AND i.status <> 'VOID'
         LEFT JOIN dues_plans ip ON ip.id = i.plan_id
        WHERE m.id = ANY($1::uuid[])`,
      [[...new Set(membershipIds)]],
    );
    return new Map(
      rows.map((r) => {
        const open = r.invoice_id !== null && (r.invoice_status === 'OPEN' || r.invoice_status === 'PARTIALLY_PAID') && r.period_start! > r.joined_on!;
        return [
          r.id!,
          {
            membershipId: r.id!,
            status: r.status as MembershipStatus,
            periodStart: r.period_start!,
            periodEnd: r.period_end!,
            paidThrough: r.paid_through,
            joinedOn: r.joined_on!,
            planId: r.plan_id!,
            planPeriodMode: r.period_mode as RenewalOutlook['planPeriodMode'],
            planAmount: BigInt(r.amount!),
            currency: r.currency!.trim(),
            graceDays: Number(r.grace_days),
            openInvoice: open ? { id: r.invoice_id!, number: r.number!, outstanding: BigInt(r.outstanding!), dueOn: r.due_on!, graceDays: Number(r.invoice_grace_days) } : null,
            latestPaid: r.invoice_status === 'PAID',
            autoRenew: r.auto_renew === 'true',
          },
        ];
      }),
    );
  }
}
