import { BRANCH_STAFF, BRANCH_WRITERS, type Actor } from '#auth';
import { MemberError } from './members.errors.js';

/**
 * Who may see or change a member: the member themselves (their own record), and staff of
 * the member's branch (federation admins and auditors: every branch). Only writers change.
 */
export function canReadMember(actor: Actor, member: { id: string; branchId: string }): boolean {
  return actor.memberId === member.id || actor.canActOnBranch(member.branchId, BRANCH_STAFF);
}

export function requireReadMember(actor: Actor, member: { id: string; branchId: string }): void {
  if (!canReadMember(actor, member)) throw MemberError.notInScope();
}

export function requireWriteMember(actor: Actor, member: { branchId: string }): void {
  if (!actor.canActOnBranch(member.branchId, BRANCH_WRITERS)) throw MemberError.notInScope();
}
