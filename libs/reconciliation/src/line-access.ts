import {
  BRANCH_STAFF,
  BRANCH_WRITERS,
  FEDERATION_ACCOUNT_READERS,
  FEDERATION_ACCOUNT_WRITERS,
  FOUNDATION_ACCOUNT_READERS,
  FOUNDATION_ACCOUNT_WRITERS,
  Role,
  requireBranch,
  type Actor,
} from '#auth';
import type { BankAccount, BankAccountHolder } from './bank-account.entity.js';
import { ReconciliationError } from './reconciliation.errors.js';
import type { StatementLine } from './statement-line.entity.js';
import type { StatementLineRepository } from './statement-line.repository.js';

export type AccountAccess = 'read' | 'write';

/**
 * Who may read and write an account of a book other than a branch's: the federation's — federation
 * admins (auditors read); the foundation's — the foundation's grant staff and federation admins
 * (auditors read). A branch's account is its branch's staff and federation admins (`requireBranch`).
 */
const BOOK_ACCESS: Record<Exclude<BankAccountHolder, 'BRANCH'>, Record<AccountAccess, readonly Role[]>> = {
  FEDERATION: { write: FEDERATION_ACCOUNT_WRITERS, read: FEDERATION_ACCOUNT_READERS },
  FOUNDATION: { write: FOUNDATION_ACCOUNT_WRITERS, read: FOUNDATION_ACCOUNT_READERS },
};

/** Everyone who may read (or write) some bank account: the resolvers' `@Allow` lists. */
export const ACCOUNT_READERS = [...new Set([...BRANCH_STAFF, ...BOOK_ACCESS.FEDERATION.read, ...BOOK_ACCESS.FOUNDATION.read])];
export const ACCOUNT_WRITERS = [...new Set([...BRANCH_WRITERS, ...BOOK_ACCESS.FEDERATION.write, ...BOOK_ACCESS.FOUNDATION.write])];

export function mayUseAccount(actor: Actor, account: Pick<BankAccount, 'holder' | 'branchId'>, access: AccountAccess): boolean {
  if (account.holder === 'BRANCH') return actor.canActOnBranch(account.branchId!, access === 'write' ? BRANCH_WRITERS : BRANCH_STAFF);
  return actor.has(...BOOK_ACCESS[account.holder][access]);
}

/** Throws FORBIDDEN unless the actor may read (or write to) the account. */
export function requireAccount(actor: Actor, account: Pick<BankAccount, 'holder' | 'branchId'>, access: AccountAccess): void {
  if (account.holder === 'BRANCH') return requireBranch(actor, account.branchId!, access === 'write' ? BRANCH_WRITERS : BRANCH_STAFF);
  if (!mayUseAccount(actor, account, access)) throw ReconciliationError.accountNotInScope();
}

/** The line, locked for this transaction, once the actor may write to its account. */
export async function lockWritableLine(repository: StatementLineRepository, actor: Actor, lineId: string): Promise<{ line: StatementLine; bookId: string; bankAccountCode: string; account: BankAccount }> {
  const line = await repository.lock(lineId);
  if (!line) throw ReconciliationError.lineNotFound(lineId);
  const account = (await repository.bankAccount(line.bankAccountId))!;
  requireAccount(actor, account, 'write');
  return { line, bookId: account.bookId, bankAccountCode: account.ledgerAccountCode, account };
}
