import { Injectable } from '@nestjs/common';
import { TransactionService, keysetPage, type Page } from '#core';
import { UNPAID_INVOICE_STATUSES } from './dues-enums.js';
import { Invoice } from './invoice.entity.js';

export interface DuesStatusRow {
  branchId: string;
  planId: string;
  planCode: string;
  planNameJa: string;
  planNameEn: string;
  currency: string;
  members: number;
  invoicedCount: number;
  invoicedAmount: bigint;
  paidCount: number;
  paidAmount: bigint;
  outstandingCount: number;
  outstandingAmount: bigint;
}

export interface DuesBranchTotalRow {
  branchId: string;
  currency: string;
  members: number;
  invoicedCount: number;
  invoicedAmount: bigint;
  federationShare: bigint;
  branchShare: bigint;
  paidCount: number;
  paidAmount: bigint;
  outstandingCount: number;
  outstandingAmount: bigint;
}

/** Branch filter: every branch, or these. */
export type BranchFilter = 'ALL' | readonly string[];

const UNPAID = `i.status IN ('OPEN', 'PARTIALLY_PAID')`;

/**
 * The aggregates behind the treasurers' reports, over a fiscal year's invoices
 * that are not void (dues_invoices_year_idx: fiscal_year, branch_id, plan_id).
 * invoiced = paid + outstanding, in amounts; in counts, a part-paid invoice is outstanding.
 */
const MEASURES = `
  count(DISTINCT i.member_id)::int AS members,
  count(*)::int AS invoiced_count,
  sum(i.amount)::text AS invoiced_amount,
  count(*) FILTER (WHERE i.status = 'PAID')::int AS paid_count,
  sum(i.paid_amount)::text AS paid_amount,
  count(*) FILTER (WHERE ${UNPAID})::int AS outstanding_count,
  COALESCE(sum(i.amount - i.paid_amount) FILTER (WHERE ${UNPAID}), 0)::text AS outstanding_amount`;

@Injectable()
export class DuesReportRepository {
  constructor(private readonly tx: TransactionService) {}

  async statusByBranchAndPlan(fiscalYear: number, branches: BranchFilter): Promise<DuesStatusRow[]> {
    const rows: Record<string, string | number>[] = await this.tx.manager.query(
      `SELECT i.branch_id, i.plan_id, p.code AS plan_code, p.name_ja, p.name_en, i.currency, ${MEASURES}
         FROM dues_invoices i JOIN dues_plans p ON p.id = i.plan_id
        WHERE i.fiscal_year = $1 AND i.status <> 'VOID' AND ($2::uuid[] IS NULL OR i.branch_id = ANY($2::uuid[]))
        GROUP BY i.branch_id, i.plan_id, p.code, p.name_ja, p.name_en, i.currency`,
      [fiscalYear, branches === 'ALL' ? null : branches],
    );
    return rows.map((r) => ({
      branchId: r.branch_id as string,
      planId: r.plan_id as string,
      planCode: r.plan_code as string,
      planNameJa: r.name_ja as string,
      planNameEn: r.name_en as string,
      ...measures(r),
    }));
  }

  async totalsByBranch(fiscalYear: number, branches: BranchFilter): Promise<DuesBranchTotalRow[]> {
    const rows: Record<string, string | number>[] = await this.tx.manager.query(
      `SELECT i.branch_id, i.currency, ${MEASURES}, sum(i.federation_share)::text AS federation_share, sum(i.branch_share)::text AS branch_share
         FROM dues_invoices i
        WHERE i.fiscal_year = $1 AND i.status <> 'VOID' AND ($2::uuid[] IS NULL OR i.branch_id = ANY($2::uuid[]))
        GROUP BY i.branch_id, i.currency`,
      [fiscalYear, branches === 'ALL' ? null : branches],
    );
    return rows.map((r) => ({
      branchId: r.branch_id as string,
      federationShare: BigInt(r.federation_share),
      branchShare: BigInt(r.branch_share),
      ...measures(r),
    }));
  }

  /**
   * Unpaid invoices past their due date, oldest due first (keyset on due_on, id;
   * served by the partial indexes dues_invoices_unpaid_branch_idx / dues_invoices_unpaid_idx).
   */
  async arrears(filter: { branches: BranchFilter; today: string }, page: { first: number; after?: string | null }): Promise<Page<Invoice>> {
    const qb = this.tx
      .repository(Invoice)
      .createQueryBuilder('i')
      .where('i.status IN (:...unpaid)', { unpaid: UNPAID_INVOICE_STATUSES })
      .andWhere('i.due_on < :today', { today: filter.today });
    if (filter.branches !== 'ALL') qb.andWhere('i.branch_id = ANY(:branches)', { branches: filter.branches });
    return keysetPage(
      qb,
      [
        { expression: 'i.due_on', value: (i) => i.dueOn },
        { expression: 'i.id', value: (i) => i.id },
      ],
      page,
    );
  }
}

function measures(r: Record<string, string | number>) {
  return {
    currency: (r.currency as string).trim(),
    members: Number(r.members),
    invoicedCount: Number(r.invoiced_count),
    invoicedAmount: BigInt(r.invoiced_amount),
    paidCount: Number(r.paid_count),
    paidAmount: BigInt(r.paid_amount),
    outstandingCount: Number(r.outstanding_count),
    outstandingAmount: BigInt(r.outstanding_amount),
  };
}
