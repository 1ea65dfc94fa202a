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

  static from(memberId: string, org: Pick<OrganizationObject, 'corporateNumber' | 'representativeName' | 'representativeTitle' | 'sizeTier'>): OrganizationObject {
    const o = new OrganizationObject();
    o.memberId = memberId;
    o.corporateNumber = org.corporateNumber;
    o.representativeName = org.representativeName;
    o.representativeTitle = org.representativeTitle;
    o.sizeTier = org.sizeTier;
    return o;
  }
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

  /** Straight assignments (no intermediate object per row: a page maps 50 of them). */
  static from(m: Member): MemberObject {
    const o = new MemberObject();
    o.id = m.id;
    o.kind = m.kind;
    o.memberNumber = m.memberNumber;
    o.name = m.name;
    o.nameKana = m.nameKana;
    o.email = m.email;
    o.phone = m.phone;
    o.postalCode = m.postalCode;
    o.address = m.address;
    o.status = m.status;
    o.joinedOn = m.joinedOn;
    o.branchId = m.branchId;
    o.person = m.person ? Object.assign(new PersonNameObject(), m.person) : null;
    o.organization = m.organization ? OrganizationObject.from(m.id, m.organization) : null;
    o.createdAt = m.createdAt;
    o.updatedAt = m.updatedAt;
    return o;
  }
}

export const MemberConnection = Connection(MemberObject);
