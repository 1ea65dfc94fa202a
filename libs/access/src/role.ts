import { registerEnumType } from '@nestjs/graphql';

export enum Role {
  FederationAdmin = 'FEDERATION_ADMIN',
  BranchAdmin = 'BRANCH_ADMIN',
  BranchTreasurer = 'BRANCH_TREASURER',
  GrantOfficer = 'GRANT_OFFICER',
  GrantApprover = 'GRANT_APPROVER',
  Auditor = 'AUDITOR',
  Member = 'MEMBER',
}

/**
 * The GraphQL enum `Role`. GraphQL names an enum's values by its keys, so Role itself would show
 * `FederationAdmin`; this mirror has keys equal to the values (FEDERATION_ADMIN, as DESIGN.md names
 * the roles). In GraphQL types write `@Field(() => RoleEnum) role: Role` (and `[RoleEnum]`,
 * `@Args('role', { type: () => RoleEnum })`); the TypeScript type stays Role.
 */
export const RoleEnum = Object.fromEntries(Object.values(Role).map((role) => [role, role])) as { readonly [R in Role]: R };

registerEnumType(RoleEnum, {
  name: 'Role',
  valuesMap: {
    FEDERATION_ADMIN: { description: '連合会管理者: branches, users, reports across branches' },
    BRANCH_ADMIN: { description: '支部管理者, on the branches granted' },
    BRANCH_TREASURER: { description: '支部会計, on the branches granted' },
    GRANT_OFFICER: { description: '財団 助成担当' },
    GRANT_APPROVER: { description: '財団 決裁者' },
    AUDITOR: { description: '監事: reads everything, changes nothing' },
    MEMBER: { description: '会員: their own records only (comes with a member record)' },
  },
});

/** Roles held per branch; a grant of these names a branch. */
export const BRANCH_ROLES: ReadonlySet<Role> = new Set([Role.BranchAdmin, Role.BranchTreasurer]);

/** Roles that see every branch. */
export const FEDERATION_WIDE_ROLES: ReadonlySet<Role> = new Set([Role.FederationAdmin, Role.Auditor]);

export const ALL_ROLES = Object.values(Role);
