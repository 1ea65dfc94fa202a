import { Injectable } from '@nestjs/common';
import { AppError, Clock, TransactionService } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { AccountCode, COUNTERPARTY_ACCOUNTS, FUND_ACCOUNTS, LedgerPosting, LedgerQueries, type PostingLine } from '#ledger';
import { lockWritableLine } from './line-access.js';
import { ReconciliationError } from './reconciliation.errors.js';
import { LineStatus, type StatementLine } from './statement-line.entity.js';
import { StatementLineRepository } from './statement-line.repository.js';

export interface NotDuesCommand {
  lineId: string;
  category: string;
  /** The ledger account the line is posted to (interest income, bank fees, …). */
  accountCode: string;
}

/**
 * What reconciliation posts to the ledger itself (journal source RECONCILIATION), in one
 * transaction with the line's status: a line that is not dues (interest: Dr bank / Cr the account;
 * a fee or a refund paid out: Dr the account / Cr bank), and a Stripe payout's bank line (Dr bank /
 * Cr Stripe clearing). Undoing reverses the entry; the next posting uses a new idempotency key.
 */
@Injectable()
export class LinePosting {
  constructor(
    private readonly tx: TransactionService,
    private readonly repository: StatementLineRepository,
    private readonly posting: LedgerPosting,
    private readonly ledger: LedgerQueries,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async markNotDues(actor: Actor, command: NotDuesCommand): Promise<StatementLine> {
    if (!/^[0-9]{4,6}$/.test(command.accountCode)) throw ReconciliationError.accountCode();
    return this.tx.run(async () => {
      const { line, bookId, bankAccountCode } = await lockWritableLine(this.repository, actor, command.lineId);
      if (line.status === LineStatus.CONFIRMED || line.status === LineStatus.NOT_DUES) throw ReconciliationError.lineSettled(line.status);
      await this.requirePostable(bookId, bankAccountCode, command.accountCode);
      const bank: PostingLine = { accountCode: bankAccountCode, side: line.direction === 'IN' ? 'DEBIT' : 'CREDIT', amount: line.amount };
      const other: PostingLine = { accountCode: command.accountCode, side: line.direction === 'IN' ? 'CREDIT' : 'DEBIT', amount: line.amount };
      const entryId = await this.post(line, bookId, `通帳 ${line.bookedOn} ${line.payerName || line.memo} (${command.category}) / bank line, not dues`, [bank, other]);
      Object.assign(line, { status: LineStatus.NOT_DUES, notDuesCategory: command.category, notDuesAccount: command.accountCode, journalEntryId: entryId, confirmations: line.confirmations + 1, confirmedBy: actor.userId, confirmedAt: this.clock.now() });
      await this.repository.save(line);
      await this.audit.record(actor, { action: 'statementLine.notDues', entityType: 'statement_line', entityId: line.id, after: { category: command.category, accountCode: command.accountCode, journalEntryId: entryId } });
      return line;
    });
  }

  /** The line is the Stripe payout `payoutId` (checked by the caller): Dr bank / Cr Stripe clearing. */
  async confirmPayout(actor: Actor, lineId: string, payoutId: string, options: { auto?: boolean } = {}): Promise<StatementLine> {
    return this.tx.run(async () => {
      const { line, bookId, bankAccountCode } = await lockWritableLine(this.repository, actor, lineId);
      if (line.status === LineStatus.CONFIRMED || line.status === LineStatus.NOT_DUES) throw ReconciliationError.lineSettled(line.status);
      if (line.direction !== 'IN') throw ReconciliationError.notIncoming();
      if (await this.repository.lineOfPayout(payoutId)) throw ReconciliationError.payoutTaken(payoutId);
      const entryId = await this.post(line, bookId, `Stripe 入金 ${payoutId} / Stripe payout`, [
        { accountCode: bankAccountCode, side: 'DEBIT', amount: line.amount },
        { accountCode: AccountCode.StripeClearing, side: 'CREDIT', amount: line.amount },
      ]);
      Object.assign(line, { status: LineStatus.CONFIRMED, payoutId, journalEntryId: entryId, confirmations: line.confirmations + 1, autoConfirmed: options.auto ?? false, confirmedBy: actor.userId, confirmedAt: this.clock.now() });
      await this.repository.save(line);
      await this.audit.record(actor, { action: options.auto ? 'statementLine.autoConfirmPayout' : 'statementLine.confirmPayout', entityType: 'statement_line', entityId: line.id, after: { payoutId, journalEntryId: entryId } });
      return line;
    });
  }

  /** Reverses what reconciliation posted for the line (a payout or not dues) and opens the line again. */
  async undo(actor: Actor, line: StatementLine, reason: string): Promise<StatementLine> {
    const before = { status: line.status, payoutId: line.payoutId, journalEntryId: line.journalEntryId, category: line.notDuesCategory };
    if (line.journalEntryId) {
      await this.posting.reverse(line.journalEntryId, {
        idempotencyKey: `bank-line:${line.id}:${line.confirmations}:reverse`,
        // On the line's own date, so the month it belongs to nets to nothing (the ledger moves it on when that month is closed).
        entryDate: line.bookedOn,
        memo: `取消 / undone: ${reason}`,
        createdBy: actor.userId,
      });
    }
    Object.assign(line, { status: line.suggestions.length ? LineStatus.SUGGESTED : LineStatus.UNMATCHED, payoutId: null, journalEntryId: null, notDuesCategory: null, notDuesAccount: null, autoConfirmed: false, confirmedBy: null, confirmedAt: null });
    await this.repository.save(line);
    await this.audit.record(actor, { action: 'statementLine.unpost', entityType: 'statement_line', entityId: line.id, before, after: { reason } });
    return line;
  }

  private async post(line: StatementLine, bookId: string, memo: string, lines: PostingLine[]): Promise<string> {
    const posted = await this.posting.post({
      bookId,
      entryDate: line.bookedOn,
      source: 'RECONCILIATION',
      sourceId: line.id,
      idempotencyKey: `bank-line:${line.id}:${line.confirmations + 1}:post`,
      memo,
      currency: 'JPY',
      lines,
    });
    return posted.entryId;
  }

  /** An account of the book's chart, not the bank account itself, not one that needs a counterparty or a fund. */
  private async requirePostable(bookId: string, bankAccountCode: string, code: string): Promise<void> {
    if (code === bankAccountCode || COUNTERPARTY_ACCOUNTS.has(code) || FUND_ACCOUNTS.has(code) || code === AccountCode.DuesReceivable) throw ReconciliationError.accountNotPostable(code);
    try {
      await this.ledger.balance({ bookId, accountCode: code });
    } catch (e) {
      if (e instanceof AppError && e.reason === 'UNKNOWN_ACCOUNT') throw ReconciliationError.accountNotInBook(code);
      throw e;
    }
  }
}
