import PDFDocument from 'pdfkit';
import { japaneseFont } from '#core';
import type { MonthReconciliation } from '../month-end.service.js';

export interface BranchReconciliationReport {
  branchName: string;
  month: string;
  /** When it was made (printed; also the PDF's creation date, so the same report gives the same bytes). */
  madeOn: string;
  accounts: { label: string; result: MonthReconciliation }[];
}

const yen = (n: bigint) => `${n < 0n ? '−' : ''}¥${(n < 0n ? -n : n).toLocaleString('en-US')}`;

/**
 * The month's bank reconciliation of a branch as an A4 PDF (Noto Sans JP embedded as a subset):
 * per bank account the statement's opening, credits, debits and closing against the ledger, the
 * difference, and what explains it (unsettled lines, payments not yet on the bank).
 */
export function renderReconciliationPdf(report: BranchReconciliationReport): Promise<Buffer> {
  const created = new Date(`${report.madeOn}T12:00:00+09:00`);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    font: null as unknown as string,
    info: { Title: `銀行勘定照合 ${report.branchName} ${report.month}`, Producer: 'Rentai', Creator: 'Rentai', CreationDate: created, ModDate: created },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('jp', japaneseFont() as unknown as Buffer).font('jp');
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const row = (label: string, value: string, size = 10) => {
    const y = doc.y;
    doc.fontSize(size).text(label, left, y, { width: width * 0.65 });
    doc.fontSize(size).text(value, left + width * 0.65, y, { width: width * 0.35, align: 'right' });
  };

  doc.fontSize(18).text('銀行勘定照合表', { align: 'center' });
  doc.fontSize(10).text('Bank reconciliation', { align: 'center' }).moveDown();
  doc.text(`${report.branchName} ・ ${report.month} ・ 作成 / made ${report.madeOn}`, { align: 'right' }).moveDown();

  for (const { label, result: r } of report.accounts) {
    doc.fontSize(12).text(label, left).moveDown(0.3);
    row('月初残高 / Opening balance', yen(r.opening));
    row('入金 / Credits', yen(r.credits));
    row('出金 / Debits', yen(r.debits));
    row('月末残高 (通帳) / Closing balance (bank)', yen(r.closing));
    row('帳簿残高 / Ledger balance', yen(r.ledgerBalance));
    row('差額 / Difference', yen(r.difference), 11);
    doc.fontSize(10).text(r.agrees ? '一致 — 月次締めができます / Agrees: the month may be closed' : '不一致 — 以下が差額の内訳です / Differs: explained below', left).moveDown(0.3);
    if (r.unsettled.length) {
      doc.fontSize(10).text(`未処理の明細 / Unsettled lines (${r.unsettled.length})`, left);
      for (const l of r.unsettled) row(`  ${l.bookedOn} ${l.payerName || l.memo} (${l.status})`, yen(l.direction === 'IN' ? l.amount : -l.amount), 9);
    }
    if (r.notOnBank.length) {
      doc.fontSize(10).text(`通帳に未記帳の入金 / Payments not yet on the bank (${r.notOnBank.length})`, left);
      for (const p of r.notOnBank) row(`  ${p.receivedOn} ${p.reference ?? ''}`, yen(p.amount), 9);
    }
    doc.moveDown();
  }
  doc.end();
  return done;
}
