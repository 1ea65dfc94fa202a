import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '#core';
import { Role } from '#access';
import type { User } from '../user.entity.js';

@ObjectType('RoleAssignment', { description: 'A role and, for branch roles, the branches it is held on' })
export class RoleAssignmentObject {
  @Field(() => Role) role: Role;
  @Field(() => [ID], { description: 'Empty for roles that are not held per branch' }) branchIds: string[];
}

@ObjectType('User')
export class UserObject {
  @Field(() => ID) id: string;
  @Field() email: string;
  @Field() displayName: string;
  @Field({ description: 'ja or en' }) locale: string;
  @Field() active: boolean;
  @Field(() => ID, { nullable: true, description: 'The member record, for members' }) memberId: string | null;
  @Field(() => [RoleAssignmentObject]) roles: RoleAssignmentObject[];

  static from(user: User): UserObject {
    const byRole = new Map<Role, string[]>();
    for (const g of user.grants ?? []) {
      const ids = byRole.get(g.role) ?? [];
      if (g.branchId) ids.push(g.branchId);
      byRole.set(g.role, ids);
    }
    return Object.assign(new UserObject(), {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      locale: user.locale,
      active: user.active,
      memberId: user.memberId,
      roles: [...byRole].map(([role, branchIds]) => ({ role, branchIds: branchIds.sort() })),
    });
  }
}

export const UserConnection = Connection(UserObject);
