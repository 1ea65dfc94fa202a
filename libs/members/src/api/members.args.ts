import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { PageArgs } from '#core';
import { MemberKind } from '../member-number.js';
import { MemberStatus } from '../member.entity.js';
import { MemberSort } from '../member.repository.js';
import { SortDirection } from './member.object.js';

@InputType({ description: 'Every criterion narrows the list (AND).' })
export class MemberFilterInput {
  @Field(() => String, { nullable: true, description: 'Member number or its beginning, e.g. P00001' })
  @IsOptional() @IsString() @MaxLength(20)
  memberNumber?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Beginning of the family name, full name (spaces ignored), given name, or organization name (with or without its legal form); kanji or katakana, full- or half-width (ﾔﾏﾀﾞ finds ヤマダ)',
  })
  @IsOptional() @IsString() @MaxLength(100)
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'E-mail address or its beginning' })
  @IsOptional() @IsString() @MaxLength(254)
  email?: string | null;

  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all')
  branchId?: string | null;

  @Field(() => MemberStatus, { nullable: true }) @IsOptional() @IsEnum(MemberStatus)
  status?: MemberStatus | null;

  @Field(() => MemberKind, { nullable: true }) @IsOptional() @IsEnum(MemberKind)
  kind?: MemberKind | null;
}

@ArgsType()
export class MembersArgs extends PageArgs {
  @Field(() => MemberFilterInput, { nullable: true })
  @IsOptional() @ValidateNested() @Type(() => MemberFilterInput)
  filter?: MemberFilterInput | null;

  @Field(() => MemberSort, { nullable: true, defaultValue: MemberSort.MEMBER_NUMBER })
  @IsOptional() @IsEnum(MemberSort)
  sort?: MemberSort | null;

  @Field(() => SortDirection, { nullable: true, defaultValue: SortDirection.ASC })
  @IsOptional() @IsEnum(SortDirection)
  direction?: SortDirection | null;
}
