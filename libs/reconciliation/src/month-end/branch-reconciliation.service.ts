import { Injectable } from '@nestjs/common';
import { Clock, bilingual, csvDocument, toBusinessDate } from '#core';
import type { Actor } from '#auth';
import { BookService } from '#ledger';
import { BankAccounts } from '../bank-accounts.service.js';
import { MonthEnd, type MonthReconciliation } from '../month-end.service.js';
import { renderReconciliationPdf } from './reconciliation-report-pdf.js';

export interface BranchMonth {
  branchId: string;
  month: string;
  accounts: { label: string; result: MonthReconciliation }[];
}

/** The reconciliation report of a branch and month, every bank account of the branch: PDF and CSV. */
@Injectable()
export class BranchReconciliation {
  constructor(
    private readonly accounts: BankAccounts,
    private readonly monthEnd: MonthEnd,
    private readonly clock: Clock,
    private readonly books: BookService,
  ) {}

  async of(actor: Actor, branchId: string, month: string): Promise<BranchMonth> {
    const accounts = await this.accounts.list(actor, branchId);
    const out: BranchMonth['accounts'] = [];
    for (const a of accounts) out.push({ label: `${a.bankCode}-${a.branchCode} ${a.accountType} ${a.accountNumber} ${a.name}`, result: await this.monthEnd.reconcile(actor, a.id, month) });
    return { branchId, month, accounts: out };
  }

  async pdf(actor: Actor, branchId: string, month: string): Promise<Buffer> {
    const report = await this.of(actor, branchId, month);
    const book = await this.books.bookForBranch(branchId);
    return renderReconciliationPdf({ branchName: book.nameJa, month, madeOn: toBusinessDate(this.clock.now()), accounts: report.accounts });
  }

  /** UTF-8 with BOM, CRLF, headers 日本語 / English: one summary row per account, then what explains each difference. */
  async csv(actor: Actor, branchId: string, month: string): Promise<string> {
    const report = await this.of(actor, branchId, month);
    const rows: string[][] = [];
    for (const { label, result: r } of report.accounts) {
      rows.push([label, bilingual('集計', 'Summary'), '', '', r.opening.toString(), r.credits.toString(), r.debits.toString(), r.closing.toString(), r.ledgerBalance.toString(), r.difference.toString(), r.agrees ? 'AGREES' : 'DIFFERS']);
      for (const l of r.unsettled) rows.push([label, bilingual('未処理の明細', 'Unsettled line'), l.bookedOn, l.payerName || l.memo, '', '', '', '', '', (l.direction === 'IN' ? l.amount : -l.amount).toString(), l.status]);
      for (const p of r.notOnBank) rows.push([label, bilingual('通帳に未記帳の入金', 'Payment not yet on the bank'), p.receivedOn, p.reference ?? '', '', '', '', '', '', (-p.amount).toString(), 'BANK_TRANSFER']);
    }
    const header = [
      bilingual('口座', 'Account'), bilingual('項目', 'Item'), bilingual('日付', 'Date'), bilingual('依頼人・摘要', 'Payer / memo'),
      bilingual('月初残高', 'Opening'), bilingual('入金', 'Credits'), bilingual('出金', 'Debits'), bilingual('月末残高', 'Closing'),
      bilingual('帳簿残高', 'Ledger'), bilingual('差額・金額', 'Difference / amount'), bilingual('状態', 'Status'),
    ];
    return csvDocument(header, rows);
  }
}
