import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '#core';
import { MemberKind } from '../member-number.js';
import { MemberStatus, type Member } from '../member.entity.js';
import { MemberSort } from '../member.repository.js';
import { OrganizationSizeTier } from '../organization.entity.js';
import type { OrganizationContact } from '../organization-contact.entity.js';

registerEnumType(MemberKind, { name: 'MemberKind', description: 'PERSON 個人会員 / ORGANIZATION 団体会員' });
registerEnumType(MemberStatus, {
  name: 'MemberStatus',
  description: 'The member record in the register (在籍), set by staff or an import: ACTIVE, SUSPENDED, LAPSED, WITHDRAWN. Not the dues standing: that is the membership\'s MembershipStatus',
});
registerEnumType(OrganizationSizeTier, { name: 'OrganizationSizeTier', description: 'Size tier of an organizational member; dues are charged by tier' });
registerEnumType(MemberSort, { name: 'MemberSort', description: 'MEMBER_NUMBER (default), NAME_KANA (katakana name), JOINED_ON' });

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection' });

@ObjectType('PersonName', { description: '個人会員の氏名 (kanji and full-width katakana)' })
export class PersonNameObject {
  @Field() familyName: string;
  @Field() givenName: string;
  @Field() familyNameKana: string;
  @Field() givenNameKana: string;
}

@ObjectType('OrganizationContact', { description: '団体会員の担当者' })
export class OrganizationContactObject {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() nameKana: string;
  @Field(() => String, { nullable: true }) title: string | null;
  @Field() email: string;
  @Field(() => String, { nullable: true }) phone: string | null;
  @Field() isPrimary: boolean;
  @Field() isBilling: boolean;

  static from(c: OrganizationContact): OrganizationContactObject {
    return Object.assign(new OrganizationContactObject(), {
      id: c.id,
      name: c.name,
      nameKana: c.nameKana,
      title: c.title,
      email: c.email,
      phone: c.phone,
      isPrimary: c.isPrimary,
      isBilling: c.isBilling,
    });
  }
}

@ObjectType('OrganizationDetails', { description: '団体会員の詳細' })
export class OrganizationObject {
  /** For the contacts loader; not a GraphQL field. */
  memberId: string;

  @Field(() => String, { nullable: true, description: '法人番号 (13 digits)' }) corporateNumber: string | null;
  @Field() representativeName: string;
  @Field(() => String, { nullable: true }) representativeTitle: string | null;
  @Field(() => OrganizationSizeTier) sizeTier: OrganizationSizeTier;
}

@ObjectType('Member', { description: '会員: an individual (PERSON) or organizational (ORGANIZATION) member' })
export class MemberObject {
  @Field(() => ID) id: string;
  @Field(() => MemberKind) kind: MemberKind;
  @Field({ description: '会員番号: P + 7 digits for individuals, O + 6 digits for organizations' }) memberNumber: string;
  @Field({ description: '山田 太郎 / the organization name' }) name: string;
  @Field({ description: 'ヤマダ タロウ (full-width katakana)' }) nameKana: string;
  @Field(() => String, { nullable: true }) email: string | null;
  @Field(() => String, { nullable: true }) phone: string | null;
  @Field(() => String, { nullable: true, description: '7 digits, no hyphen' }) postalCode: string | null;
  @Field(() => String, { nullable: true }) address: string | null;
  @Field(() => MemberStatus, { description: 'The record in the register (在籍), set by staff; whether dues are paid is memberships { status } (MembershipStatus)' }) status: MemberStatus;
  @Field({ description: 'YYYY-MM-DD' }) joinedOn: string;
  @Field(() => ID) branchId: string;
  @Field(() => PersonNameObject, { nullable: true, description: 'Set for individual members' }) person: PersonNameObject | null;
  @Field(() => OrganizationObject, { nullable: true, description: 'Set for organizational members' }) organization: OrganizationObject | null;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime) updatedAt: Date;

  static from(m: Member): MemberObject {
    return Object.assign(new MemberObject(), {
      id: m.id,
      kind: m.kind,
      memberNumber: m.memberNumber,
      name: m.name,
      nameKana: m.nameKana,
      email: m.email,
      phone: m.phone,
      postalCode: m.postalCode,
      address: m.address,
      status: m.status,
      joinedOn: m.joinedOn,
      branchId: m.branchId,
      person: m.person ? Object.assign(new PersonNameObject(), m.person) : null,
      organization: m.organization
        ? Object.assign(new OrganizationObject(), {
            memberId: m.id,
            corporateNumber: m.organization.corporateNumber,
            representativeName: m.organization.representativeName,
            representativeTitle: m.organization.representativeTitle,
            sizeTier: m.organization.sizeTier,
          })
        : null,
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
    });
  }
}

export const MemberConnection = Connection(MemberObject);
