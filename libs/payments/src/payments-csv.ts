import { bilingual, csvLine, UTF8_BOM, type CsvCell } from '#core';
import { METHOD_LABELS, type PaymentMethod } from './payment-method.js';

/** One row of the payments export: what a treasurer reconciles against the bank book. */
export interface PaymentCsvRecord {
  id: string;
  receivedOn: string;
  postedOn: string | null;
  branchId: string;
  memberId: string;
  method: PaymentMethod;
  reference: string | null;
  amount: bigint;
  fee: bigint;
  currency: string;
  allocated: bigint;
  status: 'RECORDED' | 'VOIDED';
  memo: string | null;
}

export const PAYMENTS_CSV_HEADER = [
  bilingual('入金ID', 'Payment ID'),
  bilingual('受領日', 'Received on'),
  bilingual('計上日', 'Posted on'),
  bilingual('支部ID', 'Branch ID'),
  bilingual('会員ID', 'Member ID'),
  bilingual('入金方法', 'Method'),
  bilingual('参照番号', 'Reference'),
  bilingual('金額', 'Amount'),
  bilingual('手数料', 'Fee'),
  bilingual('通貨', 'Currency'),
  bilingual('請求充当額', 'Allocated to invoices'),
  bilingual('前受金', 'Member credit'),
  bilingual('状態', 'Status'),
  bilingual('摘要', 'Memo'),
];

const STATUS = { RECORDED: '記録済 / Recorded', VOIDED: '取消 / Voided' } as const;

export function paymentsCsvHeader(): string {
  return UTF8_BOM + csvLine(PAYMENTS_CSV_HEADER);
}

export function paymentCsvLine(p: PaymentCsvRecord): string {
  const method = METHOD_LABELS[p.method];
  const cells: CsvCell[] = [
    p.id,
    p.receivedOn,
    p.postedOn,
    p.branchId,
    p.memberId,
    `${method.ja} / ${method.en}`,
    p.reference,
    p.amount,
    p.fee,
    p.currency,
    p.status === 'VOIDED' ? 0n : p.allocated,
    p.status === 'VOIDED' ? 0n : p.amount - p.allocated,
    STATUS[p.status],
    p.memo,
  ];
  return csvLine(cells);
}
