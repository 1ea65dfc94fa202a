import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, isUUID, registerDecorator, type ValidationArguments } from 'class-validator';
import { BRANCH_ROLES, Role } from '#access';

/** branchId must name a branch for branch roles, and be absent for every other role. */
function BranchFitsRole(): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'branchFitsRole',
      target: target.constructor,
      propertyName: property as string,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const role = (args.object as { role?: Role }).role;
          if (role && BRANCH_ROLES.has(role)) return typeof value === 'string' && isUUID(value);
          return value === undefined || value === null;
        },
        defaultMessage(args: ValidationArguments) {
          const role = (args.object as { role?: Role }).role;
          return role && BRANCH_ROLES.has(role)
            ? `${role} needs the id of a branch | ${role} には支部の指定が必要です`
            : `${role ?? 'This role'} is not held per branch: leave branchId empty | ${role ?? 'このロール'} は支部ごとのロールではありません。支部を指定しないでください`;
        },
      },
    });
}

@InputType()
export class RoleGrantInput {
  @Field(() => Role)
  @IsEnum(Role)
  role: Role;

  @Field(() => ID, { nullable: true, description: 'The branch, for BRANCH_ADMIN and BRANCH_TREASURER only' })
  @BranchFitsRole()
  branchId?: string | null;
}
