import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import { BRANCH_WRITERS, requireBranch, type Actor } from '#auth';
import { AuditLog } from '#audit';
import type { BankAccount } from './bank-account.entity.js';
import type { BankStatement } from './bank-statement.entity.js';
import { LineConfirmation } from './line-confirmation.service.js';
import { LineMatching, newCrowdedKeys } from './line-matching.js';
import { PayoutMatching } from './payouts/payout-matching.service.js';
import { SettlementMatching } from './settlements/settlement-matching.service.js';
import { ReconciliationError } from './reconciliation.errors.js';
import { StatementFormatError, type ParsedAccount, type ParsedLine, type ParsedStatement } from './statement-format.js';
import { LineStatus, type StatementLine } from './statement-line.entity.js';
import { StatementLineRepository } from './statement-line.repository.js';
import { parseZenginStatement } from './zengin/zengin-file.js';
import type { CsvProfile } from './csv/csv-profile.js';
import { CsvProfiles } from './csv/csv-profiles.service.js';
import { parseCsvStatement } from './csv/csv-statement.js';

export interface ImportStatementCommand {
  branchId: string;
  content: Buffer;
  /** A CSV statement: the bank's profile (BUILT_IN_PROFILES) and the account it is of. Zengin otherwise. */
  csvProfile?: string | null;
  bankAccountId?: string | null;
  /** false: suggestions only, the treasurer confirms every line (default true: the sure ones are confirmed). */
  autoConfirm?: boolean;
}

export interface ImportProgress {
  (stage: 'PARSED' | 'STORED' | 'MATCHING', done: number, total: number): void;
}

export interface ImportResult {
  statements: BankStatement[];
  /** Lines in the file. */
  lines: number;
  /** Lines not known before (overlapping statements repeat some). */
  newLines: number;
  /** The same file was imported before: nothing changed. */
  alreadyImported: boolean;
  suggested: number;
  autoConfirmed: number;
  unmatched: number;
}

/**
 * Imports a bank statement file into the statements of the branch's bank accounts: parsed and
 * checked whole first (a file that does not add up changes nothing), every account in it must be
 * a registered account of the branch, lines are stored once by fingerprint (the same file twice, or
 * overlapping statements, add nothing), then each new line is matched and the sure ones confirmed.
 */
@Injectable()
export class StatementImport {
  constructor(
    private readonly tx: TransactionService,
    private readonly repository: StatementLineRepository,
    private readonly matching: LineMatching,
    private readonly confirmation: LineConfirmation,
    private readonly payouts: PayoutMatching,
    private readonly settlements: SettlementMatching,
    private readonly profiles: CsvProfiles,
    private readonly audit: AuditLog,
  ) {}

  async import(actor: Actor, command: ImportStatementCommand, progress: ImportProgress = () => {}): Promise<ImportResult> {
    requireBranch(actor, command.branchId, BRANCH_WRITERS);
    const parsed = await this.parse(command);
    const total = parsed.accounts.reduce((n, a) => n + a.lines.length, 0);
    progress('PARSED', total, total);
    const sha = createHash('sha256').update(command.content).digest('hex');
    const accounts = parsed.format === 'CSV' ? [await this.csvAccount(command)] : await this.accountsOf(parsed, command.branchId);

    const stored = await this.tx.run(async () => {
      const statements: BankStatement[] = [];
      const fresh: StatementLine[] = [];
      let already = true;
      for (const [index, account] of parsed.accounts.entries()) {
        const bankAccount = accounts[index];
        const existing = await this.repository.statementByFile(bankAccount.id, sha);
        if (existing) {
          statements.push(existing);
          continue;
        }
        already = false;
        const statement = await this.repository.saveStatement({
          bankAccountId: bankAccount.id,
          format: parsed.format,
          fileSha256: sha,
          periodFrom: account.from,
          periodTo: account.to,
          openingBalance: account.openingBalance,
          closingBalance: account.closingBalance,
          lineCount: account.lines.length,
          newLineCount: 0,
          importedBy: actor.userId,
        });
        const lines = await this.repository.insertNew(rows(bankAccount, statement, account));
        statement.newLineCount = lines.length;
        await this.repository.saveStatement(statement);
        statements.push(statement);
        fresh.push(...lines);
        progress('STORED', fresh.length, total);
        await this.audit.record(actor, {
          action: 'bankStatement.import',
          entityType: 'bank_statement',
          entityId: statement.id,
          branchId: command.branchId,
          after: { format: parsed.format, lines: account.lines.length, newLines: lines.length, sha256: sha },
        });
      }
      await this.pairCorrections(fresh);
      return { statements, fresh, already };
    });

    const counts = await this.match(actor, command.branchId, stored.fresh, progress, command.autoConfirm ?? true);
    return { statements: stored.statements, lines: total, newLines: stored.fresh.length, alreadyImported: stored.already, ...counts };
  }

  private async parse(command: ImportStatementCommand): Promise<ParsedStatement> {
    let profile: CsvProfile | null = null;
    if (command.csvProfile) {
      profile = await this.profiles.find(command.csvProfile);
      if (!profile) throw ReconciliationError.unknownProfile(command.csvProfile);
    }
    try {
      return profile ? parseCsvStatement(command.content, profile) : parseZenginStatement(command.content);
    } catch (e) {
      if (e instanceof StatementFormatError) throw ReconciliationError.fileRefused(e);
      throw e;
    }
  }

  private async csvAccount(command: ImportStatementCommand): Promise<BankAccount> {
    if (!command.bankAccountId) throw ReconciliationError.bankAccountRequired();
    const account = await this.repository.bankAccount(command.bankAccountId);
    if (!account) throw ReconciliationError.bankAccountNotFound(command.bankAccountId);
    if (account.branchId !== command.branchId) throw ReconciliationError.accountOfAnotherBranch(1, account.accountNumber);
    return account;
  }

  private async accountsOf(parsed: ParsedStatement, branchId: string): Promise<BankAccount[]> {
    const out: BankAccount[] = [];
    for (const account of parsed.accounts) {
      const label = `${account.bankCode}-${account.branchCode} ${account.accountType} ${account.accountNumber}`;
      const found = await this.repository.bankAccountByNumber(account.bankCode ?? '', account.branchCode ?? '', account.accountType ?? '', account.accountNumber ?? '');
      if (!found) throw ReconciliationError.unknownAccount(account.headerLine, label);
      if (found.branchId !== branchId) throw ReconciliationError.accountOfAnotherBranch(account.headerLine, label);
      out.push(found);
    }
    return out;
  }

  /**
   * A 取引区分 19 (訂正) line and the line it reverses are settled against each other: neither pays
   * dues. When the reversed line was already confirmed, the correction stays an exception.
   */
  private async pairCorrections(lines: StatementLine[]): Promise<void> {
    for (const line of lines.filter((l) => l.kind === 'CORRECTION' || l.kind === 'CANCELLATION')) {
      const original = await this.repository.correctedLine(line.kind === 'CANCELLATION' ? { ...line, direction: 'OUT' } : line);
      if (!original || original.status === LineStatus.CONFIRMED) continue;
      const reason = { ja: `訂正: ${original.bookedOn} の明細 (照会番号 ${original.reference}) を取り消す行`, en: `correction: reverses the line of ${original.bookedOn} (reference ${original.reference})` };
      const note = (category: string) => [{ kind: 'NOT_DUES' as const, allocations: [], excess: '0', short: '0', category, score: 100, exact: true, reasons: [reason] }];
      await this.repository.updateSuggestions(line.id, LineStatus.NOT_DUES, note('CORRECTION'), { notDuesCategory: 'CORRECTION' });
      await this.repository.updateSuggestions(original.id, LineStatus.NOT_DUES, note('CORRECTED'), { notDuesCategory: 'CORRECTED' });
      for (const settled of lines.filter((l) => l.id === line.id || l.id === original.id)) settled.status = LineStatus.NOT_DUES;
    }
  }

  private async match(actor: Actor, branchId: string, lines: StatementLine[], progress: ImportProgress, autoConfirm: boolean) {
    const counts = { suggested: 0, autoConfirmed: 0, unmatched: 0 };
    const open = lines.filter((l) => l.status === LineStatus.UNMATCHED);
    if (open.length === 0) return counts;
    const auto: string[] = [];
    const claimed = new Set<string>();
    const verdicts: { id: string; status: LineStatus; suggestions: StatementLine['suggestions'] }[] = [];
    const flush = async () => {
      await this.repository.updateManySuggestions(verdicts.splice(0));
      if (auto.length) await this.confirmation.confirmMany(actor, auto.splice(0), { auto: true });
    };
    const crowded = newCrowdedKeys();
    for (let start = 0; start < open.length; start += LOOKUP_BATCH) {
      const batch = open.slice(start, start + LOOKUP_BATCH);
      const expectations = await this.matching.expectationsFor(branchId, batch, crowded);
      for (const [offset, line] of batch.entries()) {
        // A Stripe payout (in) or a settlement transfer to the federation (out) before dues and fees.
        const payout = await this.payouts.judge(line);
        const settlement = payout ? null : await this.settlements.judge(line, branchId);
        const judged = payout ?? settlement ?? this.matching.judge(expectations, line);
        const verdict = autoConfirm ? judged : { ...judged, auto: false };
        verdicts.push({ id: line.id, status: verdict.status, suggestions: verdict.suggestions });
        const invoices = verdict.suggestions[0]?.allocations.map((a) => a.invoiceId) ?? [];
        if (payout?.auto && autoConfirm) {
          await flush();
          await this.payouts.confirm(actor, line.id, payout.suggestions[0].payoutId!, { auto: true });
          counts.autoConfirmed += 1;
        } else if (settlement?.auto && autoConfirm) {
          await flush();
          await this.settlements.confirm(actor, line.id, settlement.suggestions[0].settlementId!, { auto: true });
          counts.autoConfirmed += 1;
        } else if (verdict.auto && !invoices.some((id) => claimed.has(id))) {
          // One invoice is confirmed automatically by one line only: a second line for it waits for the treasurer.
          for (const id of invoices) claimed.add(id);
          auto.push(line.id);
          counts.autoConfirmed += 1;
        } else if (verdict.status === LineStatus.SUGGESTED || verdict.auto) counts.suggested += 1;
        else counts.unmatched += 1;
        if (verdicts.length >= CONFIRM_BATCH) await flush();
        progress('MATCHING', start + offset + 1, open.length);
      }
    }
    await flush();
    return counts;
  }
}

/** Lines judged, stored and confirmed per batch: the payments of a batch go through one recordMany. */
const CONFIRM_BATCH = 500;
/** Lines whose candidates are fetched in one statement. */
const LOOKUP_BATCH = 2_000;

function rows(bankAccount: BankAccount, statement: BankStatement, account: ParsedAccount): Partial<StatementLine>[] {
  const seen = new Map<string, number>();
  return account.lines.map((l: ParsedLine) => {
    const base = [l.bookedOn, l.direction, l.kind, l.reference, l.amount.toString(), l.payerName].join('|');
    const occurrence = (seen.get(base) ?? 0) + 1;
    seen.set(base, occurrence);
    return {
      bankAccountId: bankAccount.id,
      statementId: statement.id,
      fingerprint: `${base}|${occurrence}`,
      lineNumber: l.line,
      reference: l.reference,
      bookedOn: l.bookedOn,
      valueOn: l.valueOn,
      direction: l.direction,
      kind: l.kind,
      transactionType: l.transactionType,
      amount: l.amount,
      payerCode: l.payerCode,
      payerName: l.payerName,
      memo: l.memo,
      edi: l.edi,
      status: LineStatus.UNMATCHED,
      suggestions: [],
    };
  });
}
