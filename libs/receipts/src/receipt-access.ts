import { BRANCH_STAFF, BRANCH_WRITERS, Role, type Actor } from '#auth';
import type { Receipt } from './receipt.entity.js';

/** Staff who read receipts (branch-scoped unless federation-wide). */
export const RECEIPT_READERS = BRANCH_STAFF;
/** Staff who void, reissue and re-send receipts, on their branches. */
export const RECEIPT_WRITERS = BRANCH_WRITERS;

/** A member sees their own receipts; staff those of the branches they may read. */
export function canRead(actor: Actor, receipt: Pick<Receipt, 'branchId' | 'memberId'>): boolean {
  if (receipt.memberId && actor.memberId === receipt.memberId && actor.has(Role.MEMBER)) return true;
  if (!actor.has(...RECEIPT_READERS)) return false;
  return actor.branchScope(RECEIPT_READERS) === 'ALL' || (receipt.branchId !== null && actor.canActOnBranch(receipt.branchId, RECEIPT_READERS));
}

export function canWrite(actor: Actor, receipt: Pick<Receipt, 'branchId'>): boolean {
  if (!actor.has(...RECEIPT_WRITERS)) return false;
  return actor.branchScope(RECEIPT_WRITERS) === 'ALL' || (receipt.branchId !== null && actor.canActOnBranch(receipt.branchId, RECEIPT_WRITERS));
}
