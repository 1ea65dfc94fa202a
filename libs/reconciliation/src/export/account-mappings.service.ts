import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import { ACCOUNT_MAPPING_EDITORS, type Actor } from '#auth';
import { AuditLog } from '#audit';
import { BookService, LedgerQueries, STANDARD_CHART, requireBookRead, requireBookWrite, type Book } from '#ledger';
import { ReconciliationError } from '../reconciliation.errors.js';
import { AccountMappingEntry } from './account-mapping.entity.js';
import type { AccountMapping } from './journal-export.js';

export interface MappingRow {
  accountCode: string;
  name: string;
  subName?: string | null;
  taxClass?: string | null;
}

/**
 * Each book's account mapping for the accounting exports: how its accounts are called in 弥生, freee
 * or Money Forward (names must equal the ones registered there). An account without a stored row
 * is exported under its name in the chart.
 */
@Injectable()
export class AccountMappings {
  constructor(
    private readonly tx: TransactionService,
    private readonly books: BookService,
    private readonly ledger: LedgerQueries,
    private readonly audit: AuditLog,
  ) {}

  async readable(actor: Actor, bookId: string): Promise<Book> {
    const book = await this.books.findById(bookId);
    requireBookRead(actor, book);
    return book;
  }

  /** The stored rows of the book, by account code. */
  async list(actor: Actor, bookId: string): Promise<AccountMappingEntry[]> {
    await this.readable(actor, bookId);
    return this.tx.repository(AccountMappingEntry).find({ where: { bookId }, order: { accountCode: 'ASC' } });
  }

  /** The mapping the exports use: the chart's Japanese names, overridden by the stored rows. */
  async effective(bookId: string): Promise<AccountMapping> {
    const mapping: AccountMapping = Object.fromEntries(STANDARD_CHART.map((a) => [a.code, { name: a.nameJa }]));
    for (const row of await this.tx.repository(AccountMappingEntry).find({ where: { bookId } })) mapping[row.accountCode] = { name: row.name, subName: row.subName, taxClass: row.taxClass };
    return mapping;
  }

  /** Stores rows (replacing those of the same codes); every code must be an account of the book. */
  async set(actor: Actor, bookId: string, rows: MappingRow[]): Promise<AccountMappingEntry[]> {
    const book = await this.books.findById(bookId);
    requireBookWrite(actor, book, ACCOUNT_MAPPING_EDITORS);
    return this.tx.run(async () => {
      for (const [index, row] of rows.entries()) await this.requireAccount(bookId, row.accountCode, index);
      const repo = this.tx.repository(AccountMappingEntry);
      const before = await repo.find({ where: { bookId } });
      await repo.upsert(rows.map((r) => ({ bookId, accountCode: r.accountCode, name: r.name, subName: r.subName ?? null, taxClass: r.taxClass ?? null, updatedBy: actor.userId })), ['bookId', 'accountCode']);
      await this.audit.record(actor, {
        action: 'accountMapping.set',
        entityType: 'book',
        entityId: bookId,
        branchId: book.branchId,
        before: { rows: before.filter((b) => rows.some((r) => r.accountCode === b.accountCode)).map((b) => ({ accountCode: b.accountCode, name: b.name, subName: b.subName, taxClass: b.taxClass })) },
        after: { rows },
      });
      return repo.find({ where: { bookId }, order: { accountCode: 'ASC' } });
    });
  }

  private async requireAccount(bookId: string, code: string, index: number): Promise<void> {
    try {
      await this.ledger.balance({ bookId, accountCode: code });
    } catch {
      throw ReconciliationError.mappingAccount(index, code);
    }
  }
}
