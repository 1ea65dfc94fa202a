import { registerEnumType } from '@nestjs/graphql';

export enum Role {
  FEDERATION_ADMIN = 'FEDERATION_ADMIN',
  BRANCH_ADMIN = 'BRANCH_ADMIN',
  BRANCH_TREASURER = 'BRANCH_TREASURER',
  GRANT_OFFICER = 'GRANT_OFFICER',
  GRANT_APPROVER = 'GRANT_APPROVER',
  AUDITOR = 'AUDITOR',
  MEMBER = 'MEMBER',
}

/** The GraphQL enum `Role`: its values are the keys, which are the values (FEDERATION_ADMIN, as DESIGN.md names the roles). */
registerEnumType(Role, {
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
export const BRANCH_ROLES: ReadonlySet<Role> = new Set([Role.BRANCH_ADMIN, Role.BRANCH_TREASURER]);

/** Roles that see every branch. */
export const FEDERATION_WIDE_ROLES: ReadonlySet<Role> = new Set([Role.FEDERATION_ADMIN, Role.AUDITOR]);

export const ALL_ROLES = Object.values(Role);
