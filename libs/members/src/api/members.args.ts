import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, ValidateNested, isEnum, isInt, isUUID, max, maxLength, min } from 'class-validator';
import { PageArgs, type PrecheckedInput } from '#core';
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

  /** The decorators' checks in one pass for the member page (see precheckMembersArgs). */
  static precheck(value: unknown): boolean {
    return precheckMembersArgs(value);
  }
}

const absent = (v: unknown) => v === undefined || v === null;
const text = (v: unknown, most: number) => absent(v) || (typeof v === 'string' && maxLength(v, most));
const oneOf = (v: unknown, values: object) => absent(v) || isEnum(v, values);
const FILTER_KEYS = new Set(['memberNumber', 'name', 'email', 'branchId', 'status', 'kind']);

/**
 * The members arguments' decorators above as one function (see PrecheckedInput): true only when
 * every one of them passes; anything else, even merely unexpected, goes through class-validator.
 * Keep it in step with the decorators (members.args.spec.ts compares the two).
 */
export const precheckMembersArgs: PrecheckedInput['precheck'] = (value) => {
  if (typeof value !== 'object' || value === null) return false;
  const a = value as Record<string, unknown>;
  for (const key in a) if (key !== 'first' && key !== 'after' && key !== 'filter' && key !== 'sort' && key !== 'direction') return false;
  if (!absent(a.first) && !(isInt(a.first) && min(a.first, 1) && max(a.first, 100))) return false;
  if (!text(a.after, 500) || !oneOf(a.sort, MemberSort) || !oneOf(a.direction, SortDirection)) return false;
  if (absent(a.filter)) return true;
  if (typeof a.filter !== 'object' || Array.isArray(a.filter)) return false;
  const f = a.filter as Record<string, unknown>;
  for (const key in f) if (!FILTER_KEYS.has(key)) return false;
  return (
    text(f.memberNumber, 20) &&
    text(f.name, 100) &&
    text(f.email, 254) &&
    (absent(f.branchId) || (typeof f.branchId === 'string' && isUUID(f.branchId, 'all'))) &&
    oneOf(f.status, MemberStatus) &&
    oneOf(f.kind, MemberKind)
  );
};
