import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { PageArgs } from '#core';
import { Role } from '#access';

@ArgsType()
export class UsersArgs extends PageArgs {
  @Field(() => Role, { nullable: true, description: 'Only users holding this role' })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @Field(() => ID, { nullable: true, description: 'Only users holding a role on this branch' })
  @IsOptional()
  @IsUUID()
  branchId?: string;
}
