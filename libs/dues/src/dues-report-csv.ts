import type { CsvColumn } from '#core';
import type { DuesBranchTotalRow, DuesStatusRow } from './dues-report.repository.js';
import { BASIS_COLUMN, basisCsvLabel, type RecognitionPolicy } from './recognition-policy.js';

export interface BranchLabel {
  branchCode: string;
  branchNameJa: string;
}

/** Which basis the row's branch book is on (its own override, else the federation's setting). */
export interface BasisLabel {
  recognition: RecognitionPolicy;
}

export type StatusLine = DuesStatusRow & BranchLabel & BasisLabel;
export type BranchTotalLine = DuesBranchTotalRow & BranchLabel & BasisLabel;

/** Last, so that the columns before it keep the positions an import set up on an older file expects. */
const BASIS: CsvColumn<BasisLabel> = { ...BASIS_COLUMN, value: (r) => basisCsvLabel(r.recognition) };

export interface ArrearsLine extends BranchLabel {
  invoiceNumber: string;
  memberNumber: string | null;
  memberName: string | null;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
  daysOverdue: number;
  currency: string;
  amount: bigint;
  paidAmount: bigint;
  outstanding: bigint;
}

/** 会費納入状況 (支部・プラン別) / Dues status by branch and plan. */
export const STATUS_COLUMNS: CsvColumn<StatusLine>[] = [
  { ja: '支部コード', en: 'Branch code', value: (r) => r.branchCode },
  { ja: '支部', en: 'Branch', value: (r) => r.branchNameJa },
  { ja: 'プランコード', en: 'Plan code', value: (r) => r.planCode },
  { ja: 'プラン', en: 'Plan', value: (r) => r.planNameJa },
  { ja: '通貨', en: 'Currency', value: (r) => r.currency },
  { ja: '会員数', en: 'Members', value: (r) => r.members },
  { ja: '請求件数', en: 'Invoices', value: (r) => r.invoicedCount },
  { ja: '請求額', en: 'Invoiced', value: (r) => r.invoicedAmount },
  { ja: '完納件数', en: 'Paid invoices', value: (r) => r.paidCount },
  { ja: '入金額', en: 'Paid', value: (r) => r.paidAmount },
  { ja: '未納件数', en: 'Outstanding invoices', value: (r) => r.outstandingCount },
  { ja: '未収額', en: 'Outstanding', value: (r) => r.outstandingAmount },
  BASIS,
];

/** 支部別集計 (連合会全体) / Federation-wide totals by branch. */
export const BRANCH_TOTAL_COLUMNS: CsvColumn<BranchTotalLine>[] = [
  { ja: '支部コード', en: 'Branch code', value: (r) => r.branchCode },
  { ja: '支部', en: 'Branch', value: (r) => r.branchNameJa },
  { ja: '通貨', en: 'Currency', value: (r) => r.currency },
  { ja: '会員数', en: 'Members', value: (r) => r.members },
  { ja: '請求件数', en: 'Invoices', value: (r) => r.invoicedCount },
  { ja: '請求額', en: 'Invoiced', value: (r) => r.invoicedAmount },
  { ja: '連合会配分', en: 'Federation share', value: (r) => r.federationShare },
  { ja: '支部配分', en: 'Branch share', value: (r) => r.branchShare },
  { ja: '完納件数', en: 'Paid invoices', value: (r) => r.paidCount },
  { ja: '入金額', en: 'Paid', value: (r) => r.paidAmount },
  { ja: '未納件数', en: 'Outstanding invoices', value: (r) => r.outstandingCount },
  { ja: '未収額', en: 'Outstanding', value: (r) => r.outstandingAmount },
  BASIS,
];

/** 滞納一覧 / Arrears. */
export const ARREARS_COLUMNS: CsvColumn<ArrearsLine>[] = [
  { ja: '請求書番号', en: 'Invoice number', value: (r) => r.invoiceNumber },
  { ja: '支部コード', en: 'Branch code', value: (r) => r.branchCode },
  { ja: '会員番号', en: 'Member number', value: (r) => r.memberNumber },
  { ja: '会員名', en: 'Member name', value: (r) => r.memberName },
  { ja: '期間開始', en: 'Period start', value: (r) => r.periodStart },
  { ja: '期間終了', en: 'Period end', value: (r) => r.periodEnd },
  { ja: '支払期限', en: 'Due date', value: (r) => r.dueOn },
  { ja: '延滞日数', en: 'Days overdue', value: (r) => r.daysOverdue },
  { ja: '通貨', en: 'Currency', value: (r) => r.currency },
  { ja: '請求額', en: 'Amount', value: (r) => r.amount },
  { ja: '入金額', en: 'Paid', value: (r) => r.paidAmount },
  { ja: '未収額', en: 'Outstanding', value: (r) => r.outstanding },
];
