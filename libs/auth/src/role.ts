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

registerEnumType(Role, { name: 'Role' });

/** Roles held per branch; a grant of these names a branch. */
export const BRANCH_ROLES: ReadonlySet<Role> = new Set([Role.BranchAdmin, Role.BranchTreasurer]);

/** Roles that see every branch. */
export const FEDERATION_WIDE_ROLES: ReadonlySet<Role> = new Set([Role.FederationAdmin, Role.Auditor]);

/** Staff who work with branches' data: read access to members, dues, payments. */
export const BRANCH_STAFF = [Role.FederationAdmin, Role.BranchAdmin, Role.BranchTreasurer, Role.Auditor] as const;

/** Staff who may change branches' data (never the auditor). */
export const BRANCH_WRITERS = [Role.FederationAdmin, Role.BranchAdmin, Role.BranchTreasurer] as const;

export const ALL_ROLES = Object.values(Role);
