import { BRANCH_OFFICERS, BRANCH_STAFF, BRANCH_WRITERS, FUND_MANAGERS, Role, type Actor } from '#auth';
import { AppError } from '#core';
import { DonationsError } from './donations.errors.js';
import type { Fund } from './fund.repository.js';

/** Who manages a fund: federation admins any; branch admins their branch's. */
export function requireFundManager(actor: Actor, fund: Pick<Fund, 'branchId'>): void {
  if (actor.has(Role.FEDERATION_ADMIN)) return;
  if (fund.branchId && actor.canActOnBranch(fund.branchId, FUND_MANAGERS)) return;
  throw AppError.forbidden();
}

/** Who records cash or a transfer into a fund: federation admins any; a branch's treasurers and admins their branch's funds. */
export function requireFundRecorder(actor: Actor, fund: Pick<Fund, 'branchId'>): void {
  if (actor.has(Role.FEDERATION_ADMIN)) return;
  if (fund.branchId && actor.canActOnBranch(fund.branchId, BRANCH_OFFICERS)) return;
  throw DonationsError.notFundRecorder();
}

/** Staff who read donation lists (scope checked per branch in the query). */
export const DONATION_READERS = BRANCH_STAFF;
/** Staff who refund or cancel on a donor's behalf. */
export const DONATION_WRITERS = BRANCH_WRITERS;
