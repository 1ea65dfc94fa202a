import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import { AccountCode, LedgerQueries, type InterBookMismatch } from '#ledger';
import { InvoiceRepository } from './invoice.repository.js';

export interface ReceivableControl {
  branchId: string;
  bookId: string;
  /** Balance of 未収会費 (1400) in the branch book. */
  ledger: bigint;
  /** What its ACCRUAL invoices still owe (open and part-paid). */
  invoices: bigint;
  agrees: boolean;
}

export interface ControlAccountReport {
  ok: boolean;
  receivables: ReceivableControl[];
  interBook: InterBookMismatch[];
}

/**
 * The control-account rule (checked, not hoped): in every branch book the balance of 未収会費
 * equals the open amount of its ACCRUAL invoices (ON_RECEIPT invoices never touch it), and, in
 * both modes, each book's inter-book accounts mirror the other book's. `ledger:verify` and the
 * GraphQL `duesControlAccounts` report run it.
 */
@Injectable()
export class DuesControlAccounts {
  constructor(
    private readonly tx: TransactionService,
    private readonly ledger: LedgerQueries,
    private readonly invoices: InvoiceRepository,
  ) {}

  async check(): Promise<ControlAccountReport> {
    // One snapshot: the invoices and the ledger read in one REPEATABLE READ transaction would be ideal;
    // a READ COMMITTED transaction here can see a payment between the two reads, so run it where writes are quiet or retry.
    return this.tx.run(async () => {
      const books = await this.ledger.branchBookBalances(AccountCode.DuesReceivable);
      const open = await this.invoices.openAccruedByBranch();
      const receivables = books.map((b) => {
        const invoices = open.get(b.branchId) ?? 0n;
        return { branchId: b.branchId, bookId: b.bookId, ledger: b.balance, invoices, agrees: b.balance === invoices };
      });
      const interBook = await this.ledger.interBookMismatches();
      return { ok: receivables.every((r) => r.agrees) && interBook.length === 0, receivables, interBook };
    });
  }
}
