import { Injectable } from '@nestjs/common';
import { SYSTEM_ACTOR } from '#auth';
import { ExpectedPayments, type ExpectedInvoiceRow } from '#payments';
import { BankAccounts } from './bank-accounts.service.js';
import { random, payerNameFor } from './matching/statement-generator.js';
import { StatementImport, type ImportResult } from './statement-import.service.js';
import { StatementLineRepository } from './statement-line.repository.js';
import { transactionDetailsFile, type DetailLine } from './zengin/zengin-writer.js';

/** The demo bank account of a branch: みずほ銀行 (0001) 東京営業部 (001), 普通. */
export const DEMO_BANK_ACCOUNT = { bankCode: '0001', branchCode: '001', accountType: '1', name: 'ﾚﾝﾀｲ ﾄｳｷﾖｳｼﾌﾞ' } as const;

/**
 * Demo: a Zengin 入出金取引明細 for a branch's bank account to reconcile, made from the branch's
 * open invoices with the noise real statements have (member numbers or not, names cut, a short
 * payment, an unknown payer, interest and a fee), imported as the system.
 */
@Injectable()
export class ReconciliationDemo {
  constructor(
    private readonly accounts: BankAccounts,
    private readonly imports: StatementImport,
    private readonly expected: ExpectedPayments,
    private readonly repository: StatementLineRepository,
  ) {}

  async seed(branchId: string, options: { accountNumber?: string; on?: string; lines?: number } = {}): Promise<ImportResult> {
    const accountNumber = options.accountNumber ?? '1234567';
    const on = options.on ?? '2026-04-30';
    const existing = await this.repository.bankAccountByNumber(DEMO_BANK_ACCOUNT.bankCode, DEMO_BANK_ACCOUNT.branchCode, DEMO_BANK_ACCOUNT.accountType, accountNumber);
    if (existing && (await this.repository.hasStatements(existing.id))) {
      // Seeded before: the open invoices have changed since, so a new file would not be the same file.
      return { statements: [], lines: 0, newLines: 0, alreadyImported: true, suggested: 0, autoConfirmed: 0, unmatched: 0 };
    }
    if (!existing) await this.accounts.register(SYSTEM_ACTOR, { branchId, ...DEMO_BANK_ACCOUNT, accountNumber });
    const invoices: ExpectedInvoiceRow[] = [];
    for await (const batch of this.expected.openInvoicesOfBranch(branchId)) invoices.push(...batch);
    invoices.sort((a, b) => a.number.localeCompare(b.number));
    const rng = random(42);
    const lines: DetailLine[] = [];
    const month = on.slice(0, 8);
    // Lines from the 1st to `on` at the latest (at most the 27th): a statement never books a day after it ends.
    const lastDay = Math.min(27, Number(on.slice(8, 10)));
    const day = (n: number) => `${month}${String(1 + (n % lastDay)).padStart(2, '0')}`;
    const paying = invoices.slice(0, options.lines ?? 20);
    for (const [n, invoice] of paying.entries()) {
      const { name } = payerNameFor({ number: invoice.memberNumber, kana: invoice.memberKana, org: null }, rng);
      const short = n === 3 ? 1000n : 0n;
      lines.push({ reference: String(n + 1).padStart(8, '0'), bookedOn: day(n), direction: 'IN', amount: invoice.outstanding - short, payerName: name });
    }
    lines.push({ reference: '90000001', bookedOn: day(5), direction: 'IN', amount: 5000n, payerName: 'ｸﾎﾞ ｹﾝｼﾞ' });
    lines.push({ reference: '90000002', bookedOn: day(26), direction: 'IN', amount: 12n, transactionType: '18', memo: 'ﾘｿｸ' });
    lines.push({ reference: '90000003', bookedOn: day(26), direction: 'OUT', amount: 440n, transactionType: '18', memo: 'ﾃｽｳﾘﾖｳ' });
    lines.sort((a, b) => (a.bookedOn < b.bookedOn ? -1 : a.bookedOn > b.bookedOn ? 1 : 0));
    const file = transactionDetailsFile([{ ...DEMO_BANK_ACCOUNT, bankName: 'ﾐｽﾞﾎ', branchName: 'ﾄｳｷﾖｳ', accountNumber, accountName: DEMO_BANK_ACCOUNT.name, from: `${month}01`, to: on, opening: 250_000n, lines }]);
    return this.imports.import(SYSTEM_ACTOR, { branchId, content: file });
  }
}
