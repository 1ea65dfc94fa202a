import type { Member } from './member.entity.js';
import type { Organization } from './organization.entity.js';
import type { Person } from './person.entity.js';

/**
 * The member list read as plain rows (no TypeORM query building or entity hydration): the
 * columns of members with their person or organization details, mapped straight to objects of
 * the entities' shape. Dates-only as YYYY-MM-DD text, as the entity reads them.
 */
export const MEMBER_LIST_COLUMNS = `m.id, m.kind, m.member_number AS "memberNumber", m.branch_id AS "branchId", m.status,
       to_char(m.joined_on, 'YYYY-MM-DD') AS "joinedOn", m.name, m.name_kana AS "nameKana", m.email, m.phone,
       m.postal_code AS "postalCode", m.address, m.name_key AS "nameKey", m.alt_name_key AS "altNameKey",
       m.kana_key AS "kanaKey", m.alt_kana_key AS "altKanaKey", m.created_at AS "createdAt", m.updated_at AS "updatedAt",
       p.member_id AS "p_memberId", p.family_name AS "p_familyName", p.given_name AS "p_givenName",
       p.family_name_kana AS "p_familyNameKana", p.given_name_kana AS "p_givenNameKana",
       o.member_id AS "o_memberId", o.corporate_number AS "o_corporateNumber", o.representative_name AS "o_representativeName",
       o.representative_title AS "o_representativeTitle", o.size_tier AS "o_sizeTier"`;

export const MEMBER_LIST_FROM = `FROM members m LEFT JOIN persons p ON p.member_id = m.id LEFT JOIN organizations o ON o.member_id = m.id`;

type Prefixed<T, P extends string> = { [K in keyof T & string as `${P}${K}`]: T[K] | null };

export type MemberListRow = Omit<Member, 'person' | 'organization'> &
  Prefixed<Pick<Person, 'memberId' | 'familyName' | 'givenName' | 'familyNameKana' | 'givenNameKana'>, 'p_'> &
  Prefixed<Pick<Organization, 'memberId' | 'corporateNumber' | 'representativeName' | 'representativeTitle' | 'sizeTier'>, 'o_'>;

/** A row of MEMBER_LIST_COLUMNS as a member with its details (a plain object, not an entity). */
export function memberFromRow(r: MemberListRow): Member {
  return {
    id: r.id,
    kind: r.kind,
    memberNumber: r.memberNumber,
    branchId: r.branchId,
    status: r.status,
    joinedOn: r.joinedOn,
    name: r.name,
    nameKana: r.nameKana,
    email: r.email,
    phone: r.phone,
    postalCode: r.postalCode,
    address: r.address,
    nameKey: r.nameKey,
    altNameKey: r.altNameKey,
    kanaKey: r.kanaKey,
    altKanaKey: r.altKanaKey,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    person:
      r.p_memberId === null
        ? null
        : ({ memberId: r.p_memberId, familyName: r.p_familyName!, givenName: r.p_givenName!, familyNameKana: r.p_familyNameKana!, givenNameKana: r.p_givenNameKana! } as Person),
    organization:
      r.o_memberId === null
        ? null
        : ({
            memberId: r.o_memberId,
            corporateNumber: r.o_corporateNumber,
            representativeName: r.o_representativeName!,
            representativeTitle: r.o_representativeTitle,
            sizeTier: r.o_sizeTier!,
          } as Organization),
  } as Member;
}
