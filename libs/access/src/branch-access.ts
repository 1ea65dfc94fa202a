import { AppError } from '#core';
import type { Actor } from './actor.js';
import type { Role } from './role.js';

/** Throws FORBIDDEN unless the actor may act on the branch with one of `roles`. */
export function requireBranch(actor: Actor, branchId: string, roles?: readonly Role[]): void {
  if (!actor.canActOnBranch(branchId, roles)) {
    throw new AppError('FORBIDDEN', 'BRANCH_NOT_IN_SCOPE', { ja: 'この支部のデータを扱う権限がありません', en: 'You do not have access to this branch' });
  }
}
