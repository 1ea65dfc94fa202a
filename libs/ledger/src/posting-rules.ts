import type { AppError } from '#core';
import { COUNTERPARTY_ACCOUNTS, FUND_ACCOUNTS } from './chart.js';
import { LedgerError } from './ledger.errors.js';
import { isBusinessDate } from './period-math.js';
import { JournalSource, type JournalPosting, type PostingLine } from './posting.js';

/** Longest memo or key the ledger keeps. */
export const MAX_TEXT = 500;

/**
 * The first problem with a posting's shape, without looking at the database: dates, sides,
 * positive amounts, at least two lines, debits equal credits, counterparty and fund where
 * the account needs them. `prefix` names the fields (`input.`, `postings.3.`).
 */
export function postingShapeError(p: JournalPosting, prefix = ''): AppError | null {
  if (!isBusinessDate(p.entryDate)) return LedgerError.invalidDate(`${prefix}entryDate`);
  if (!(Object.values(JournalSource) as readonly string[]).includes(p.source)) return LedgerError.required(`${prefix}source`);
  for (const field of ['sourceId', 'idempotencyKey', 'memo'] as const) {
    const value = p[field];
    if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TEXT) return LedgerError.required(`${prefix}${field}`);
  }
  if (!Array.isArray(p.lines) || p.lines.length < 2) return LedgerError.tooFewLines(`${prefix}lines`);
  let debit = 0n;
  let credit = 0n;
  for (const [i, line] of p.lines.entries()) {
    const at = `${prefix}lines.${i}`;
    if (line.side !== 'DEBIT' && line.side !== 'CREDIT') return LedgerError.invalidSide(`${at}.side`);
    if (typeof line.amount !== 'bigint' || line.amount <= 0n) return LedgerError.invalidAmount(`${at}.amount`);
    if (typeof line.accountCode !== 'string' || line.accountCode === '') return LedgerError.required(`${at}.accountCode`);
    if (COUNTERPARTY_ACCOUNTS.has(line.accountCode) && !line.counterpartyBookId) {
      return LedgerError.counterpartyRequired(`${at}.counterpartyBookId`, line.accountCode);
    }
    if (line.counterpartyBookId && line.counterpartyBookId === p.bookId) return LedgerError.counterpartyIsSelf(`${at}.counterpartyBookId`);
    if (FUND_ACCOUNTS.has(line.accountCode) && !line.fundCode) return LedgerError.fundRequired(`${at}.fundCode`, line.accountCode);
    if (line.side === 'DEBIT') debit += line.amount;
    else credit += line.amount;
  }
  if (debit !== credit) return LedgerError.unbalanced(`${prefix}lines`, debit, credit);
  return null;
}

/** The same entry with every line on the other side. */
export function reversedLines(lines: JournalPosting['lines']): JournalPosting['lines'] {
  return lines.map((l) => ({ ...l, side: l.side === 'DEBIT' ? 'CREDIT' : 'DEBIT' }));
}

/**
 * A manual entry never touches the inter-book accounts (1500/2200): what books owe each other moves
 * only with the business events that post both books at once (dues shares, settlements), so the two
 * sides always mirror. A reversal of an older manual entry is allowed: it only restores the mirror.
 */
export function manualPostingError(p: JournalPosting & { reversesEntryId?: string | null }, prefix = ''): AppError | null {
  if (p.source !== 'MANUAL' || p.reversesEntryId) return null;
  const at = p.lines.findIndex((l) => COUNTERPARTY_ACCOUNTS.has(l.accountCode));
  return at < 0 ? null : LedgerError.interBookAccountManual(`${prefix}lines.${at}.accountCode`, p.lines[at].accountCode);
}

/**
 * Why an entry may not be reversed by hand, or null. Only MANUAL entries are: a business entry is
 * reversed by voiding its record (payment, invoice, settlement), which keeps the record in step.
 * Reversing an older manual entry on the inter-book accounts restores the mirror and is allowed;
 * reversing that reversal would redo the drift, and is not.
 */
export function handReversalError(
  original: { source: string; reversesEntryId: string | null; lines: readonly { accountCode: string }[] },
  field: string,
): AppError | null {
  if (original.source !== 'MANUAL') return LedgerError.notManualEntry(field, original.source);
  const interBook = original.lines.find((l) => COUNTERPARTY_ACCOUNTS.has(l.accountCode));
  if (original.reversesEntryId && interBook) return LedgerError.interBookAccountManual(field, interBook.accountCode);
  return null;
}

/** What an entry says, as a replay compares it: the asked date, memo, currency and lines in order. */
export interface PostingContent {
  entryDate: string;
  memo: string;
  currency?: string | null;
  lines: readonly PostingLine[];
}

/** Whether a replayed request asks for the entry already posted under its key (same content, line by line). */
export function sameContent(posted: PostingContent & { currency: string }, asked: PostingContent): boolean {
  if (posted.entryDate !== asked.entryDate || posted.memo !== asked.memo) return false;
  if (asked.currency && asked.currency !== posted.currency.trim()) return false;
  if (posted.lines.length !== asked.lines.length) return false;
  return posted.lines.every((a, i) => {
    const b = asked.lines[i];
    return (
      a.accountCode === b.accountCode &&
      a.side === b.side &&
      a.amount === b.amount &&
      (a.counterpartyBookId ?? null) === (b.counterpartyBookId ?? null) &&
      (a.fundCode ?? null) === (b.fundCode ?? null) &&
      (a.memo ?? null) === (b.memo ?? null)
    );
  });
}
