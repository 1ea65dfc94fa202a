import { Injectable } from '@nestjs/common';
import { TransactionService, isUniqueViolation } from '#core';
import { BRANCH_STAFF, BRANCH_WRITERS, requireBranch, type Actor } from '#auth';
import { AuditLog } from '#audit';
import { BookService } from '#ledger';
import type { BankAccount } from './bank-account.entity.js';
import { ReconciliationError } from './reconciliation.errors.js';
import { StatementLineRepository } from './statement-line.repository.js';

export interface RegisterBankAccountCommand {
  branchId: string;
  bankCode: string;
  branchCode: string;
  accountType: string;
  accountNumber: string;
  name: string;
}

/** The bank accounts of branch books whose statements are imported. */
@Injectable()
export class BankAccounts {
  constructor(
    private readonly tx: TransactionService,
    private readonly repository: StatementLineRepository,
    private readonly books: BookService,
    private readonly audit: AuditLog,
  ) {}

  async register(actor: Actor, command: RegisterBankAccountCommand): Promise<BankAccount> {
    requireBranch(actor, command.branchId, BRANCH_WRITERS);
    try {
      return await this.tx.run(async () => {
        const book = await this.books.bookForBranch(command.branchId);
        const account = await this.repository.saveBankAccount({ ...command, bookId: book.id });
        await this.audit.record(actor, { action: 'bankAccount.register', entityType: 'bank_account', entityId: account.id, branchId: command.branchId, after: { ...command, accountNumber: `***${command.accountNumber.slice(-3)}` } });
        return account;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw ReconciliationError.bankAccountTaken();
      throw e;
    }
  }

  async list(actor: Actor, branchId?: string | null): Promise<BankAccount[]> {
    if (branchId) requireBranch(actor, branchId, BRANCH_STAFF);
    return this.repository.bankAccountsOfBranches(branchId ? [branchId] : actor.branchScope(BRANCH_STAFF));
  }

  async get(actor: Actor, id: string, roles: readonly (typeof BRANCH_STAFF)[number][] = BRANCH_STAFF): Promise<BankAccount> {
    const account = await this.repository.bankAccount(id);
    if (!account) throw ReconciliationError.bankAccountNotFound(id);
    requireBranch(actor, account.branchId, roles);
    return account;
  }
}
