import { type Actor, BRANCH_WRITERS, BRANCH_STAFF, Role } from '#auth';
import { DuesError } from './dues.errors.js';

/**
 * Who may act on a member's membership: branch writers of the member's branch
 * (federation admins everywhere), or the member themself. FORBIDDEN otherwise.
 */
export function requireMembershipWriter(actor: Actor, member: { id: string; branchId: string }): void {
  if (actor.canActOnBranch(member.branchId, BRANCH_WRITERS)) return;
  if (actor.has(Role.MEMBER) && actor.memberId === member.id) return;
  throw DuesError.branchNotInScope();
}

/** Staff acting on the member (not the member acting for themself): may back-date or future-date a join. */
export function actsAsStaff(actor: Actor, member: { branchId: string }): boolean {
  return actor.canActOnBranch(member.branchId, BRANCH_WRITERS);
}

/** Readers: staff of the member's branch (auditors and federation admins everywhere) or the member themself. */
export function canReadMember(actor: Actor, member: { memberId: string; branchId: string }): boolean {
  return actor.canActOnBranch(member.branchId, BRANCH_STAFF) || (actor.has(Role.MEMBER) && actor.memberId === member.memberId);
}
