import { BRANCH_WRITERS, requireBranch, type Actor } from '#auth';
import { ReconciliationError } from './reconciliation.errors.js';
import type { StatementLine } from './statement-line.entity.js';
import type { StatementLineRepository } from './statement-line.repository.js';

/** The line, locked for this transaction, once the actor may write to its branch's account. */
export async function lockWritableLine(repository: StatementLineRepository, actor: Actor, lineId: string): Promise<{ line: StatementLine; bookId: string; bankAccountCode: string }> {
  const line = await repository.lock(lineId);
  if (!line) throw ReconciliationError.lineNotFound(lineId);
  const account = (await repository.bankAccount(line.bankAccountId))!;
  requireBranch(actor, account.branchId, BRANCH_WRITERS);
  return { line, bookId: account.bookId, bankAccountCode: account.ledgerAccountCode };
}
