import { BRANCH_STAFF, BRANCH_WRITERS, requireBranch, type Actor } from '#auth';

/** Who may read payments and settlements of a branch: its staff, federation admins, auditors. */
export const PAYMENT_READERS = BRANCH_STAFF;
/** Who may record, void and settle: the branch's treasurers and admins, federation admins. */
export const PAYMENT_WRITERS = BRANCH_WRITERS;

/** The branches a list may show: the one asked for (if in scope), else all in scope. */
export function readableBranches(actor: Actor, branchId?: string | null): 'ALL' | string[] {
  if (branchId) {
    requireBranch(actor, branchId, PAYMENT_READERS);
    return [branchId];
  }
  return actor.branchScope(PAYMENT_READERS);
}

export function requireWriter(actor: Actor, branchId: string): void {
  requireBranch(actor, branchId, PAYMENT_WRITERS);
}

export function requireReader(actor: Actor, branchId: string): void {
  requireBranch(actor, branchId, PAYMENT_READERS);
}
