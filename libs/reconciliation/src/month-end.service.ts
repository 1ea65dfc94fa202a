import { Injectable } from '@nestjs/common';
import { csvDocument, bilingual } from '#core';
import type { Actor } from '#auth';
import { LedgerQueries, PeriodService, type Period } from '#ledger';
import { PaymentMethod, PaymentReports, PaymentStatus } from '#payments';
import { BankAccounts } from './bank-accounts.service.js';
import { ReconciliationError } from './reconciliation.errors.js';
import { LineStatus, type StatementLine } from './statement-line.entity.js';
import { StatementLineRepository } from './statement-line.repository.js';

export interface PaymentNotOnBank {
  paymentId: string;
  memberId: string;
  receivedOn: string;
  amount: bigint;
  reference: string | null;
}

export interface MonthReconciliation {
  bankAccountId: string;
  month: string;
  /** On the bank's statement. */
  opening: bigint;
  credits: bigint;
  debits: bigint;
  closing: bigint;
  /** The ledger's balance of the account's ledger account (1200 bank) at the month's end. */
  ledgerBalance: bigint;
  difference: bigint;
  /** Lines of the month not yet in the ledger: unmatched, waiting for a treasurer, or not dues. */
  unsettled: StatementLine[];
  /** Bank transfers recorded by hand in the month (in the ledger) that no statement line is linked to yet. */
  notOnBank: PaymentNotOnBank[];
  agrees: boolean;
}

/**
 * Month-end for a bank account: opening, credits, debits and closing on the bank's statements
 * (from the earliest Zengin statement's opening balance and the lines since), against the ledger's
 * balance of the bank account, with the lines that explain a difference. When it agrees the
 * treasurer closes the month (the ledger's period close).
 */
@Injectable()
export class MonthEnd {
  constructor(
    private readonly accounts: BankAccounts,
    private readonly repository: StatementLineRepository,
    private readonly ledger: LedgerQueries,
    private readonly periods: PeriodService,
    private readonly payments: PaymentReports,
  ) {}

  async reconcile(actor: Actor, bankAccountId: string, month: string): Promise<MonthReconciliation> {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw ReconciliationError.month();
    const account = await this.accounts.get(actor, bankAccountId);
    const start = `${month}-01`;
    const end = lastDay(month);
    const base = await this.repository.firstOpeningBalance(bankAccountId);
    const before = base ? await this.repository.netBetween(bankAccountId, base.from, dayBefore(start)) : 0n;
    const opening = (base?.balance ?? 0n) + before;
    const lines = await this.repository.ofAccount(bankAccountId, { from: start, to: end, first: 100_000 });
    const credits = lines.filter((l) => l.direction === 'IN').reduce((s, l) => s + l.amount, 0n);
    const debits = lines.filter((l) => l.direction === 'OUT').reduce((s, l) => s + l.amount, 0n);
    const closing = opening + credits - debits;
    const ledgerBalance = await this.ledger.balance({ bookId: account.bookId, accountCode: account.ledgerAccountCode, asOf: end });
    const unsettled = lines.filter((l) => !settled(l));
    const difference = closing - ledgerBalance;
    // Hand-recorded bank transfers are a branch's; the federation's and the foundation's accounts have none.
    const notOnBank = account.branchId ? await this.notOnBank(actor, account.branchId, start, end) : [];
    return { bankAccountId, month, opening, credits, debits, closing, ledgerBalance, difference, unsettled, notOnBank, agrees: difference === 0n };
  }

  /** Bank transfers of the branch recorded in the month that no line is linked to, in keyset pages. */
  private async notOnBank(actor: Actor, branchId: string, from: string, to: string): Promise<PaymentNotOnBank[]> {
    const out: PaymentNotOnBank[] = [];
    const query = { branchId, from, to, method: PaymentMethod.BANK_TRANSFER, status: PaymentStatus.RECORDED };
    let after: string | null = null;
    for (;;) {
      const page = await this.payments.page(actor, query, { first: 500, after });
      const linked = await this.repository.paymentsOnLines(page.edges.map((e) => e.node.payment.id));
      for (const { node } of page.edges) {
        const p = node.payment;
        if (!linked.has(p.id)) out.push({ paymentId: p.id, memberId: p.memberId, receivedOn: p.receivedOn, amount: p.amount, reference: p.reference });
      }
      if (!page.pageInfo.hasNextPage) return out;
      after = page.pageInfo.endCursor;
    }
  }

  /** The bank account, when the actor may read it. */
  account(actor: Actor, bankAccountId: string) {
    return this.accounts.get(actor, bankAccountId);
  }

  /** Closes the month in the book when the statement and the ledger agree. */
  async close(actor: Actor, bankAccountId: string, month: string): Promise<Period> {
    const account = await this.accounts.get(actor, bankAccountId, 'write');
    const result = await this.reconcile(actor, bankAccountId, month);
    if (!result.agrees) throw ReconciliationError.doesNotAgree(result.difference, result.unsettled.length);
    return this.periods.close(actor, account.bookId, month);
  }

  /** The reconciliation report as CSV (UTF-8 with BOM, CRLF, headers 日本語 / English). */
  async csv(actor: Actor, bankAccountId: string, month: string): Promise<string> {
    const r = await this.reconcile(actor, bankAccountId, month);
    const summary: [string, string, bigint][] = [
      ['月初残高', 'Opening balance', r.opening],
      ['入金', 'Credits', r.credits],
      ['出金', 'Debits', r.debits],
      ['月末残高 (通帳)', 'Closing balance (bank)', r.closing],
      ['帳簿残高', 'Ledger balance', r.ledgerBalance],
      ['差額', 'Difference', r.difference],
    ];
    const rows = [
      ...summary.map(([ja, en, v]) => [bilingual(ja, en), '', '', '', v.toString(), '']),
      ...r.unsettled.map((l) => [bilingual('未処理の明細', 'Unsettled line'), l.bookedOn, l.direction, l.payerName || l.memo, (l.direction === 'IN' ? l.amount : -l.amount).toString(), l.status]),
      ...r.notOnBank.map((p) => [bilingual('通帳に未記帳の入金', 'Payment not yet on the bank'), p.receivedOn, 'IN', p.reference ?? '', p.amount.toString(), 'BANK_TRANSFER']),
    ];
    return csvDocument([bilingual('項目', 'Item'), bilingual('日付', 'Date'), bilingual('入出金', 'In/out'), bilingual('依頼人・摘要', 'Payer / memo'), bilingual('金額', 'Amount'), bilingual('状態', 'Status')], rows);
  }
}

/** In the ledger already (payments, a payout, not dues posted), or a correction and the line it reverses. */
function settled(l: StatementLine): boolean {
  if (l.status === LineStatus.CONFIRMED) return true;
  return l.status === LineStatus.NOT_DUES && (l.journalEntryId !== null || l.notDuesCategory === 'CORRECTION' || l.notDuesCategory === 'CORRECTED');
}

function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
