import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '#core';
import type { Branch } from '../branch.entity.js';

@ObjectType('Branch', { description: '支部: a branch of the federation' })
export class BranchObject {
  @Field(() => ID) id: string;
  @Field({ description: 'Short stable code, e.g. TKY' }) code: string;
  @Field() nameJa: string;
  @Field() nameEn: string;
  @Field({ description: '都道府県, e.g. 東京都' }) prefecture: string;
  @Field(() => String, { nullable: true }) contactEmail: string | null;
  @Field(() => String, { nullable: true }) contactPhone: string | null;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime) updatedAt: Date;

  static from(b: Branch): BranchObject {
    return Object.assign(new BranchObject(), {
      id: b.id,
      code: b.code,
      nameJa: b.nameJa,
      nameEn: b.nameEn,
      prefecture: b.prefecture,
      contactEmail: b.contactEmail,
      contactPhone: b.contactPhone,
      createdAt: b.createdAt,
      updatedAt: b.updatedAt,
    });
  }
}

export const BranchConnection = Connection(BranchObject);
