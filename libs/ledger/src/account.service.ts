import { Injectable } from '@nestjs/common';
import { isUniqueViolation, keysetPage, type Page, TransactionService } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { Account } from './account.entity.js';
import { requireBookRead } from './book-access.js';
import { BookService } from './book.service.js';
import type { AccountType } from './chart.js';
import { LedgerError } from './ledger.errors.js';

export interface CreateAccountCommand {
  bookId: string;
  code: string;
  type: AccountType;
  nameJa: string;
  nameEn: string;
}

/** A book's chart of accounts: listing it, and accounts federation admins add. */
@Injectable()
export class AccountService {
  constructor(
    private readonly tx: TransactionService,
    private readonly books: BookService,
    private readonly audit: AuditLog,
  ) {}

  async list(actor: Actor, bookId: string, page: { first: number; after?: string }): Promise<Page<Account>> {
    requireBookRead(actor, await this.books.findById(bookId));
    const qb = this.tx.repository(Account).createQueryBuilder('a').where('a.book_id = :bookId', { bookId });
    return keysetPage(qb, [{ expression: 'a.code', value: (a) => a.code }, { expression: 'a.id', value: (a) => a.id }], page);
  }

  async get(accountId: string): Promise<Account> {
    const account = await this.tx.repository(Account).findOne({ where: { id: accountId } });
    if (!account) throw LedgerError.accountNotFound(accountId);
    return account;
  }

  /** Adds an account to a book (federation admins; the resolver checks the role). */
  async create(actor: Actor, command: CreateAccountCommand): Promise<Account> {
    return this.tx.run(async () => {
      const book = await this.books.findById(command.bookId);
      const repo = this.tx.repository(Account);
      if (await repo.exists({ where: { bookId: book.id, code: command.code } })) throw LedgerError.accountCodeTaken('input.code', command.code);
      let account: Account;
      try {
        account = await repo.save(repo.create({ ...command, bookId: book.id, standard: false }));
      } catch (error) {
        if (isUniqueViolation(error, 'accounts_book_code_key')) throw LedgerError.accountCodeTaken('input.code', command.code);
        throw error;
      }
      await this.audit.record(actor, {
        action: 'ledger.account.create',
        entityType: 'Account',
        entityId: account.id,
        branchId: book.branchId,
        after: { bookId: book.id, code: account.code, type: account.type, nameJa: account.nameJa, nameEn: account.nameEn },
      });
      return account;
    });
  }
}

