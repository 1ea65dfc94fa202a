import { BRANCH_ROLES, FEDERATION_WIDE_ROLES, Role } from './role.js';

export interface RoleGrantView {
  role: Role;
  branchId: string | null;
}

/**
 * Who is calling: the signed-in user, the role grants this session carries (all of the user's
 * for a password session, MEMBER alone for one opened by an e-mailed link) and, for members,
 * their member record.
 */
export class Actor {
  readonly roles: ReadonlySet<Role>;

  constructor(
    readonly userId: string,
    readonly email: string,
    readonly grants: readonly RoleGrantView[],
    readonly memberId: string | null = null,
    readonly locale: 'ja' | 'en' = 'ja',
    /** The name audit events show to those who may not see the address. */
    readonly displayName: string = email,
    /** How the session was opened; the system itself counts as 'password' (full authority). */
    readonly via: 'password' | 'link' = 'password',
  ) {
    this.roles = new Set(grants.map((g) => g.role));
  }

  /** Federation-wide staff (admins, auditors): they may see other staff's addresses. */
  get federationWide(): boolean {
    return [...this.roles].some((r) => FEDERATION_WIDE_ROLES.has(r));
  }

  has(...roles: Role[]): boolean {
    return roles.some((r) => this.roles.has(r));
  }

  /**
   * The branches the actor may act on with any of `roles`: 'ALL' for federation-wide
   * roles (admin, auditor), otherwise the branch ids of their branch grants.
   */
  branchScope(roles: readonly Role[] = [...FEDERATION_WIDE_ROLES, ...BRANCH_ROLES]): 'ALL' | string[] {
    if (roles.some((r) => FEDERATION_WIDE_ROLES.has(r) && this.roles.has(r))) return 'ALL';
    const ids = new Set<string>();
    for (const g of this.grants) if (g.branchId && roles.includes(g.role)) ids.add(g.branchId);
    return [...ids];
  }

  canActOnBranch(branchId: string, roles?: readonly Role[]): boolean {
    const scope = this.branchScope(roles);
    return scope === 'ALL' || scope.includes(branchId);
  }
}

/** The system itself (CLI, scheduled jobs, seeding), for audit events. */
export const SYSTEM_ACTOR = new Actor('00000000-0000-0000-0000-000000000000', 'system@rentai', [{ role: Role.FEDERATION_ADMIN, branchId: null }], null, 'ja', 'Rentai (system)');
