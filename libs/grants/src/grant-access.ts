import { GRANT_READERS, Role, type Actor } from '#auth';
import type { GrantApplication } from './grant-application.entity.js';
import { GrantsError } from './grants.errors.js';

/** The grant role lists live with every other context's in #access (role-lists.ts). */
export { GRANT_STAFF, GRANT_READERS, GRANT_BATCH_WRITERS, GRANT_PROGRAM_MANAGERS as PROGRAM_MANAGERS, GRANT_PERSONAL_DATA_READERS as PERSONAL_DATA_READERS } from '#auth';

/**
 * The service's half of a resolver's @Allow, with the same role list: a caller that is not GraphQL (the CLI's
 * `--as`, a job) is refused exactly as GraphQL would refuse it.
 */
export function requireBatchRole(actor: Actor, roles: readonly Role[]): void {
  if (!actor.has(...roles)) throw GrantsError.batchRole(roles);
}

export function isGrantReader(actor: Actor): boolean {
  return actor.has(...GRANT_READERS);
}

/** The applicant's own application: they are its member, or they made it. */
export function isOwnApplication(actor: Actor, application: GrantApplication): boolean {
  return (actor.memberId !== null && application.applicantMemberId === actor.memberId) || application.createdBy === actor.userId;
}

/** Grant readers see every application; a member only their own (others look like they do not exist). */
export function requireCanSee(actor: Actor, application: GrantApplication): void {
  if (isGrantReader(actor)) return;
  if (actor.has(Role.MEMBER) && isOwnApplication(actor, application)) return;
  throw GrantsError.applicationNotFound(application.id);
}

/**
 * The roles an actor acts with on an application: MEMBER counts only on their own application,
 * so a member who is also staff never moves someone else's as "the applicant".
 */
export function effectiveRoles(actor: Actor, application: GrantApplication): Set<Role> {
  const roles = new Set(actor.roles);
  if (!isOwnApplication(actor, application)) roles.delete(Role.MEMBER);
  return roles;
}
