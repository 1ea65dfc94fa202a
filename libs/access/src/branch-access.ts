import { ACCESS_REASONS } from './access.errors.js';
import type { Actor } from './actor.js';
import type { Role } from './role.js';

/** Throws FORBIDDEN unless the actor may act on the branch with one of `roles`. */
export function requireBranch(actor: Actor, branchId: string, roles?: readonly Role[]): void {
  if (!actor.canActOnBranch(branchId, roles)) {
    throw ACCESS_REASONS.BRANCH_NOT_IN_SCOPE.error();
  }
}
