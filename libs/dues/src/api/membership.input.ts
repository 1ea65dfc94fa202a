import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsDateOnly, PageArgs } from '#core';
import './dues-enums.graphql.js';
import { MembershipStatus } from '../membership-status.js';

@InputType()
export class JoinMembershipInput {
  @Field(() => ID) @IsUUID()
  memberId: string;

  @Field(() => ID) @IsUUID()
  planId: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; today when omitted. Members join from today or earlier; staff may enter a later date (the membership stays PENDING until then)' })
  @IsOptional()
  @IsDateOnly()
  joinedOn?: string | null;
}

@InputType()
export class ChangeMembershipPlanInput {
  @Field(() => ID) @IsUUID()
  membershipId: string;

  @Field(() => ID, { description: 'The plan from the next period on' }) @IsUUID()
  planId: string;
}

@InputType()
export class CancelMembershipInput {
  @Field(() => ID) @IsUUID()
  membershipId: string;

  @Field() @IsString() @MinLength(1) @MaxLength(500)
  reason: string;
}

@ArgsType()
export class MembershipsArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID()
  branchId?: string | null;

  @Field(() => MembershipStatus, { nullable: true }) @IsOptional() @IsEnum(MembershipStatus)
  status?: MembershipStatus | null;
}
