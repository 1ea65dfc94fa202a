import { Injectable } from '@nestjs/common';
import { TransactionService, isUniqueViolation } from '#core';
import { BRANCH_STAFF, requireBranch, type Actor } from '#auth';
import { AuditLog } from '#audit';
import { BookService } from '#ledger';
import type { BankAccount, BankAccountHolder } from './bank-account.entity.js';
import { mayUseAccount, requireAccount, type AccountAccess } from './line-access.js';
import { ReconciliationError } from './reconciliation.errors.js';
import { StatementLineRepository } from './statement-line.repository.js';

export interface RegisterBankAccountCommand {
  /** A branch's account; absent for the federation's or the foundation's (`holder`). */
  branchId?: string | null;
  holder?: Exclude<BankAccountHolder, 'BRANCH'> | null;
  bankCode: string;
  branchCode: string;
  accountType: string;
  accountNumber: string;
  name: string;
}

/** The bank accounts of the books (a branch's, the federation's, the foundation's) whose statements are imported. */
@Injectable()
export class BankAccounts {
  constructor(
    private readonly tx: TransactionService,
    private readonly repository: StatementLineRepository,
    private readonly books: BookService,
    private readonly audit: AuditLog,
  ) {}

  async register(actor: Actor, command: RegisterBankAccountCommand): Promise<BankAccount> {
    const { branchId, holder: central, ...number } = command;
    if (!branchId === !central) throw ReconciliationError.accountHolder();
    const holder: BankAccountHolder = central ?? 'BRANCH';
    requireAccount(actor, { holder, branchId: branchId ?? null }, 'write');
    try {
      return await this.tx.run(async () => {
        const book = branchId ? await this.books.bookForBranch(branchId) : central === 'FEDERATION' ? await this.books.federationBook() : await this.books.foundationBook();
        const account = await this.repository.saveBankAccount({ ...number, holder, branchId: branchId ?? null, bookId: book.id });
        await this.audit.record(actor, { action: 'bankAccount.register', entityType: 'bank_account', entityId: account.id, branchId: branchId ?? null, after: { ...number, holder, branchId, accountNumber: `***${number.accountNumber.slice(-3)}` } });
        return account;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw ReconciliationError.bankAccountTaken();
      throw e;
    }
  }

  /** A branch's accounts, or every account the actor may read (the federation's and the foundation's included). */
  async list(actor: Actor, branchId?: string | null): Promise<BankAccount[]> {
    if (branchId) {
      requireBranch(actor, branchId, BRANCH_STAFF);
      return this.repository.bankAccountsOfBranches([branchId]);
    }
    const scope = actor.branchScope(BRANCH_STAFF);
    const central = (await this.repository.centralBankAccounts()).filter((a) => mayUseAccount(actor, a, 'read'));
    return [...(await this.repository.bankAccountsOfBranches(scope)), ...(scope === 'ALL' ? [] : central)];
  }

  async get(actor: Actor, id: string, access: AccountAccess = 'read'): Promise<BankAccount> {
    const account = await this.repository.bankAccount(id);
    if (!account) throw ReconciliationError.bankAccountNotFound(id);
    requireAccount(actor, account, access);
    return account;
  }
}
