import { Injectable } from '@nestjs/common';
import { Clock, type Page } from '#core';
import { type Actor, BRANCH_STAFF, requireBranch } from '#auth';
import { BranchDirectory } from '#federation';
import { csvHeader, csvRow, toCsv, UTF8_BOM } from '#core';
import { DuesMembers, type DuesMember } from './dues-members.js';
import { DuesRecognition } from './dues-recognition.service.js';
import { ARREARS_COLUMNS, BRANCH_TOTAL_COLUMNS, STATUS_COLUMNS, type ArrearsLine, type BranchLabel, type BranchTotalLine, type StatusLine } from './dues-report-csv.js';
import { DuesReportRepository, type BranchFilter } from './dues-report.repository.js';
import type { Invoice } from './invoice.entity.js';
import { daysBetween } from './periods.js';
import { DuesError } from './dues.errors.js';

export interface ArrearsEntry {
  invoice: Invoice;
  member: DuesMember | null;
  daysOverdue: number;
  outstanding: bigint;
}

/** Rows per round trip when exporting arrears: memory stays flat however long the list. */
const EXPORT_BATCH = 1000;

/** Treasurers' and the federation's dues reports, branch-scoped, with their CSV exports. */
@Injectable()
export class DuesReports {
  constructor(
    private readonly branches: BranchDirectory,
    private readonly reports: DuesReportRepository,
    private readonly members: DuesMembers,
    private readonly recognition: DuesRecognition,
    private readonly clock: Clock,
  ) {}

  async status(actor: Actor, fiscalYear: number, branchId?: string | null): Promise<StatusLine[]> {
    const rows = await this.reports.statusByBranchAndPlan(fiscalYear, this.scope(actor, branchId));
    const labels = await this.branchLabels(rows.map((r) => r.branchId));
    const bases = await this.recognition.forBranches(rows.map((r) => r.branchId));
    return rows
      .map((r) => ({ ...r, ...labels(r.branchId), recognition: bases.get(r.branchId)! }))
      .sort((a, b) => a.branchCode.localeCompare(b.branchCode) || a.planCode.localeCompare(b.planCode) || a.currency.localeCompare(b.currency));
  }

  async statusCsv(actor: Actor, fiscalYear: number, branchId?: string | null): Promise<string> {
    return toCsv(STATUS_COLUMNS, await this.status(actor, fiscalYear, branchId));
  }

  /** Federation-wide totals per branch (branch staff see their own branches' rows); one branch's with `branchId`. */
  async branchTotals(actor: Actor, fiscalYear: number, branchId?: string | null): Promise<BranchTotalLine[]> {
    const rows = await this.reports.totalsByBranch(fiscalYear, this.scope(actor, branchId));
    const labels = await this.branchLabels(rows.map((r) => r.branchId));
    const bases = await this.recognition.forBranches(rows.map((r) => r.branchId));
    return rows.map((r) => ({ ...r, ...labels(r.branchId), recognition: bases.get(r.branchId)! })).sort((a, b) => a.branchCode.localeCompare(b.branchCode) || a.currency.localeCompare(b.currency));
  }

  async branchTotalsCsv(actor: Actor, fiscalYear: number, branchId?: string | null): Promise<string> {
    return toCsv(BRANCH_TOTAL_COLUMNS, await this.branchTotals(actor, fiscalYear, branchId));
  }

  /** Unpaid invoices past due, oldest first, with days overdue as of today. */
  async arrears(actor: Actor, branchId: string | null | undefined, page: { first: number; after?: string | null }): Promise<Page<ArrearsEntry>> {
    const today = this.clock.today();
    const invoices = await this.reports.arrears({ branches: this.scope(actor, branchId), today }, page);
    const members = await this.members.findMany([...new Set(invoices.edges.map((e) => e.node.memberId))]);
    return {
      pageInfo: invoices.pageInfo,
      edges: invoices.edges.map((e) => ({
        cursor: e.cursor,
        node: {
          invoice: e.node,
          member: members.get(e.node.memberId) ?? null,
          daysOverdue: daysBetween(e.node.dueOn, today),
          outstanding: e.node.amount - e.node.paidAmount,
        },
      })),
    };
  }

  /** Streams the arrears CSV in keyset batches; returns the number of rows. */
  async exportArrearsCsv(actor: Actor, branchId: string | null | undefined, write: (chunk: string) => void | Promise<void>): Promise<number> {
    await write(UTF8_BOM + csvHeader(ARREARS_COLUMNS));
    let after: string | null = null;
    let rows = 0;
    do {
      const page: Page<ArrearsEntry> = await this.arrears(actor, branchId, { first: EXPORT_BATCH, after });
      const labels = await this.branchLabels(page.edges.map((e) => e.node.invoice.branchId));
      await write(page.edges.map((e) => csvRow(ARREARS_COLUMNS, arrearsLine(e.node, labels))).join(''));
      rows += page.edges.length;
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return rows;
  }

  async arrearsCsv(actor: Actor, branchId?: string | null): Promise<string> {
    const chunks: string[] = [];
    await this.exportArrearsCsv(actor, branchId, (c) => void chunks.push(c));
    return chunks.join('');
  }

  /** The branches the actor may read, narrowed to `branchId` when given (FORBIDDEN outside their scope). */
  private scope(actor: Actor, branchId?: string | null): BranchFilter {
    if (branchId) {
      requireBranch(actor, branchId, BRANCH_STAFF);
      return [branchId];
    }
    return actor.branchScope(BRANCH_STAFF);
  }

  private async branchLabels(ids: readonly string[]): Promise<(branchId: string) => BranchLabel> {
    const byId = await this.branches.getMany(ids);
    return (id) => {
      const branch = byId.get(id);
      if (branch) return { branchCode: branch.code, branchNameJa: branch.nameJa };
      throw DuesError.unknownBranch(id);
    };
  }
}

function arrearsLine(entry: ArrearsEntry, labels: (branchId: string) => BranchLabel): ArrearsLine {
  const i = entry.invoice;
  return {
    ...labels(i.branchId),
    invoiceNumber: i.number,
    memberNumber: entry.member?.memberNumber ?? null,
    memberName: entry.member?.name ?? null,
    periodStart: i.periodStart,
    periodEnd: i.periodEnd,
    dueOn: i.dueOn,
    daysOverdue: entry.daysOverdue,
    currency: i.currency,
    amount: i.amount,
    paidAmount: i.paidAmount,
    outstanding: entry.outstanding,
  };
}
