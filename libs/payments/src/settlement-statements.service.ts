import { DuesRecognition } from '#dues';
import { Injectable } from '@nestjs/common';
import type { Actor } from '#auth';
import { BranchDirectory } from '#federation';
import { AccountCode, BookService, LedgerQueries } from '#ledger';
import { SettlementRepository } from './settlement.repository.js';
import type { Settlement } from './settlement.entity.js';
import { SettlementDirection } from './payment-postings.js';
import { requireReader } from './payment-access.js';
import { PaymentsError } from './payments.errors.js';
import { buildSettlementStatement, settlementStatementCsv, type InterBookBalances, type InterBookMovement, type SettlementStatement } from './settlement-statement.js';

/**
 * 精算明細: what a branch and the federation owe each other over a period, read from the
 * ledger (branch book: due to / due from the federation; federation book: its mirror).
 *
 * Lines: first what accrued in the period (dues shares and their corrections) as a net total
 * per account, then each settlement posted in the period — the ledger exposes balances,
 * not yet an account's lines filtered by counterparty, to other libraries.
 */
@Injectable()
export class SettlementStatements {
  constructor(
    private readonly settlements: SettlementRepository,
    private readonly books: BookService,
    private readonly queries: LedgerQueries,
    private readonly branches: BranchDirectory,
    private readonly recognition: DuesRecognition,
  ) {}

  /**
   * The branch's settlements settled in [from, to] (for reconciliation, which matches the bank's
   * debit of a transfer to the federation to its settlement; the caller checks the branch).
   */
  settledBetween(branchId: string, from: string, to: string): Promise<Settlement[]> {
    return this.settlements.settledBetween(branchId, from, to);
  }

  async statement(actor: Actor, branchId: string, from: string, to: string): Promise<SettlementStatement> {
    requireReader(actor, branchId);
    if (to < from) throw PaymentsError.invalidPeriod('to');
    const branch = await this.branches.get(branchId);
    const branchBook = await this.books.bookForBranch(branchId);
    const federationBook = await this.books.federationBook();
    const pair = (asOf: string | null) => this.balances(branchBook.id, federationBook.id, asOf);
    const opening = await pair(dayBefore(from));
    const closing = await pair(to);

    const settled = await this.settlements.postedInPeriod(branchId, from, to);
    const movements: InterBookMovement[] = settled.map((s) => ({
      entryId: s.branchEntryId ?? s.id,
      entryDate: s.postedOn ?? s.settledOn,
      source: 'SETTLEMENT',
      memo: s.reference ? `精算 / settlement ${s.reference}` : '精算 / settlement',
      account: s.direction === SettlementDirection.BRANCH_TO_FEDERATION ? 'DUE_TO' : 'DUE_FROM',
      side: s.direction === SettlementDirection.BRANCH_TO_FEDERATION ? 'DEBIT' : 'CREDIT',
      amount: s.amount,
    }));
    // Everything else that moved each account in the period, net.
    const paidToFederation = sum(settled.filter((s) => s.direction === SettlementDirection.BRANCH_TO_FEDERATION).map((s) => s.amount));
    const paidByFederation = sum(settled.filter((s) => s.direction === SettlementDirection.FEDERATION_TO_BRANCH).map((s) => s.amount));
    const accruedTo = closing.owedToFederation - opening.owedToFederation + paidToFederation;
    const accruedBy = closing.owedByFederation - opening.owedByFederation + paidByFederation;
    if (accruedTo !== 0n) movements.push(accrual('DUE_TO', accruedTo > 0n ? 'CREDIT' : 'DEBIT', abs(accruedTo), from, '連合会への債務 計上（純額） / owed to the federation, accrued (net)'));
    if (accruedBy !== 0n) movements.push(accrual('DUE_FROM', accruedBy > 0n ? 'DEBIT' : 'CREDIT', abs(accruedBy), from, '連合会からの債権 計上（純額） / owed by the federation, accrued (net)'));

    const dueFromBranch = await this.queries.balance({ bookId: federationBook.id, accountCode: AccountCode.DueFromOtherBooks, counterpartyBookId: branchBook.id, asOf: to });
    const dueToBranch = -(await this.queries.balance({ bookId: federationBook.id, accountCode: AccountCode.DueToOtherBooks, counterpartyBookId: branchBook.id, asOf: to }));
    const recognition = await this.recognition.forBook(branchBook.id);
    const statement = buildSettlementStatement({
      branch: { id: branch.id, code: branch.code, nameJa: branch.nameJa, nameEn: branch.nameEn },
      from,
      to,
      currency: branchBook.currency.trim(),
      opening,
      movements,
      federation: { dueFromBranch, dueToBranch },
    });
    return { ...statement, recognition };
  }

  async csv(actor: Actor, branchId: string, from: string, to: string): Promise<string> {
    return settlementStatementCsv(await this.statement(actor, branchId, from, to));
  }

  /** The branch book's pair with the federation, as of a date (inclusive). */
  private async balances(branchBookId: string, federationBookId: string, asOf: string | null): Promise<InterBookBalances> {
    const filter = { bookId: branchBookId, counterpartyBookId: federationBookId, asOf };
    return {
      owedToFederation: -(await this.queries.balance({ ...filter, accountCode: AccountCode.DueToOtherBooks })),
      owedByFederation: await this.queries.balance({ ...filter, accountCode: AccountCode.DueFromOtherBooks }),
    };
  }
}

function accrual(account: 'DUE_TO' | 'DUE_FROM', side: 'DEBIT' | 'CREDIT', amount: bigint, date: string, memo: string): InterBookMovement {
  // Dated at the start of the period with no entry id: listed before the settlements that clear it.
  return { entryId: '', entryDate: date, source: 'ACCRUAL', memo, account, side, amount };
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);
const abs = (x: bigint) => (x < 0n ? -x : x);
