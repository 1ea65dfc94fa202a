import { Field, ID, InputType } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';
import { RoleGrantInput } from './role-grant.input.js';

/** One role for one user (on one branch for branch roles): granted or revoked. */
@InputType()
export class GrantRoleInput extends RoleGrantInput {
  @Field(() => ID)
  @IsUUID()
  userId: string;
}
