import type { Member } from './member.entity.js';
import type { Organization } from './organization.entity.js';
import type { Person } from './person.entity.js';

/**
 * The member list read as plain rows (no TypeORM query building or entity hydration): the
 * columns of members with their person or organization details, mapped straight to objects of
 * the entities' shape. Dates-only as YYYY-MM-DD text, as the entity reads them.
 *
 * A list may read only some of the columns (`MemberListFields`: the Member properties a GraphQL
 * selection shows): parsing 50 rows of every column, timestamps included, was the largest part of
 * a page's CPU after the socket writes. A property not read is `undefined` on the returned member.
 */
const COLUMNS = {
  id: 'm.id',
  kind: 'm.kind',
  memberNumber: 'm.member_number AS "memberNumber"',
  branchId: 'm.branch_id AS "branchId"',
  status: 'm.status',
  joinedOn: `to_char(m.joined_on, 'YYYY-MM-DD') AS "joinedOn"`,
  name: 'm.name',
  nameKana: 'm.name_kana AS "nameKana"',
  email: 'm.email',
  phone: 'm.phone',
  postalCode: 'm.postal_code AS "postalCode"',
  address: 'm.address',
  nameKey: 'm.name_key AS "nameKey"',
  altNameKey: 'm.alt_name_key AS "altNameKey"',
  kanaKey: 'm.kana_key AS "kanaKey"',
  altKanaKey: 'm.alt_kana_key AS "altKanaKey"',
  payerKey: 'm.payer_key AS "payerKey"',
  payerFamily: 'm.payer_family AS "payerFamily"',
  createdAt: 'm.created_at AS "createdAt"',
  updatedAt: 'm.updated_at AS "updatedAt"',
  person: `p.member_id AS "p_memberId", p.family_name AS "p_familyName", p.given_name AS "p_givenName",
       p.family_name_kana AS "p_familyNameKana", p.given_name_kana AS "p_givenNameKana"`,
  organization: `o.member_id AS "o_memberId", o.corporate_number AS "o_corporateNumber", o.representative_name AS "o_representativeName",
       o.representative_title AS "o_representativeTitle", o.size_tier AS "o_sizeTier"`,
} satisfies Record<keyof Member, string>;

/** The Member properties a list reads (see COLUMNS); undefined: every one. */
export type MemberListFields = ReadonlySet<string> | undefined;

/**
 * The columns in a few groups, each read whole when any of its properties is asked for: a handful
 * of statement shapes (prepared once per pool connection each), whatever fields a client combines.
 * The first group is always read: identity, branch (access, the `branch` field), kind, the list's
 * own columns and every sort key (cursors).
 */
const GROUPS: readonly (readonly (keyof Member)[])[] = [
  ['id', 'kind', 'memberNumber', 'branchId', 'status', 'joinedOn', 'name', 'nameKana', 'kanaKey'],
  ['email', 'phone', 'postalCode', 'address'],
  ['nameKey', 'altNameKey', 'altKanaKey', 'payerKey', 'payerFamily'],
  ['createdAt', 'updatedAt'],
  ['person'],
  ['organization'],
];

const sql = (group: readonly (keyof Member)[]) => group.map((k) => COLUMNS[k]).join(', ');
const ALL_COLUMNS = GROUPS.map(sql).join(', ');

/** The SELECT list of the groups holding `fields`, in one fixed order (the same groups, the same text). */
export function memberListColumns(fields: MemberListFields): string {
  if (!fields) return ALL_COLUMNS;
  return GROUPS.filter((group, i) => i === 0 || group.some((k) => fields.has(k)))
    .map(sql)
    .join(', ');
}

export const MEMBER_LIST_FROM = `FROM members m LEFT JOIN persons p ON p.member_id = m.id LEFT JOIN organizations o ON o.member_id = m.id`;

type Prefixed<T, P extends string> = { [K in keyof T & string as `${P}${K}`]: T[K] | null };

export type MemberListRow = Omit<Member, 'person' | 'organization'> &
  Prefixed<Pick<Person, 'memberId' | 'familyName' | 'givenName' | 'familyNameKana' | 'givenNameKana'>, 'p_'> &
  Prefixed<Pick<Organization, 'memberId' | 'corporateNumber' | 'representativeName' | 'representativeTitle' | 'sizeTier'>, 'o_'>;

/**
 * A row of memberListColumns as a member with its details (a plain object, not an entity). The
 * details are null when the member has none, undefined when they were not read.
 */
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
      r.p_memberId === undefined
        ? undefined
        : r.p_memberId === null
          ? null
          : ({ memberId: r.p_memberId, familyName: r.p_familyName!, givenName: r.p_givenName!, familyNameKana: r.p_familyNameKana!, givenNameKana: r.p_givenNameKana! } as Person),
    organization:
      r.o_memberId === undefined
        ? undefined
        : r.o_memberId === null
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
