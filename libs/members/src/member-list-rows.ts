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

/** Columns of a group in SELECT order: a Member property each, the details five each. */
const WIDTH = (k: keyof Member) => (k === 'person' || k === 'organization' ? 5 : 1);

/** The SELECT list of some groups and the mapper of its rows (rowMode 'array': values in SELECT order). */
export interface MemberListReading {
  columns: string;
  fromRow: (row: readonly unknown[]) => Member;
}

const ALL_GROUPS = (1 << GROUPS.length) - 1;
const readings = new Map<number, MemberListReading>();

/**
 * The columns to read for `fields` (the groups holding them, in one fixed order: the same groups, the
 * same text) and a mapper of their rows to members, built once per set of groups.
 */
export function memberListReading(fields: MemberListFields): MemberListReading {
  let mask = 1;
  if (!fields) mask = ALL_GROUPS;
  else for (let i = 1; i < GROUPS.length; i++) if (GROUPS[i].some((k) => fields.has(k))) mask |= 1 << i;
  let reading = readings.get(mask);
  if (!reading) {
    const read = GROUPS.filter((_, i) => mask & (1 << i));
    reading = { columns: read.map(sql).join(', '), fromRow: rowMapper(read.flat()) };
    readings.set(mask, reading);
  }
  return reading;
}

/** The SELECT list of the groups holding `fields`, in one fixed order (the same groups, the same text). */
export function memberListColumns(fields: MemberListFields): string {
  return memberListReading(fields).columns;
}

export const MEMBER_LIST_FROM = `FROM members m LEFT JOIN persons p ON p.member_id = m.id LEFT JOIN organizations o ON o.member_id = m.id`;

/**
 * The mapper of rows holding `keys`' columns in this order. The first group (always read, first) by
 * fixed position; the others through a table of positions. Every member has the same properties, in
 * the same order (one object shape): a property not read is undefined; the details are null when the
 * member has none, undefined when they were not read.
 */
function rowMapper(keys: readonly (keyof Member)[]): (row: readonly unknown[]) => Member {
  const scalars: [keyof Member, number][] = [];
  let person = -1;
  let organization = -1;
  let at = GROUPS[0].length;
  for (const k of keys.slice(GROUPS[0].length)) {
    if (k === 'person') person = at;
    else if (k === 'organization') organization = at;
    else scalars.push([k, at]);
    at += WIDTH(k);
  }
  return (r) => {
    const m = {
      id: r[0],
      kind: r[1],
      memberNumber: r[2],
      branchId: r[3],
      status: r[4],
      joinedOn: r[5],
      name: r[6],
      nameKana: r[7],
      kanaKey: r[8],
      email: undefined,
      phone: undefined,
      postalCode: undefined,
      address: undefined,
      nameKey: undefined,
      altNameKey: undefined,
      altKanaKey: undefined,
      payerKey: undefined,
      payerFamily: undefined,
      createdAt: undefined,
      updatedAt: undefined,
      person: undefined as Person | null | undefined,
      organization: undefined as Organization | null | undefined,
    } as Record<keyof Member, unknown>;
    for (let i = 0; i < scalars.length; i++) m[scalars[i][0]] = r[scalars[i][1]];
    if (person >= 0) {
      m.person =
        r[person] === null
          ? null
          : ({ memberId: r[person], familyName: r[person + 1], givenName: r[person + 2], familyNameKana: r[person + 3], givenNameKana: r[person + 4] } as Person);
    }
    if (organization >= 0) {
      const o = organization;
      m.organization =
        r[o] === null
          ? null
          : ({ memberId: r[o], corporateNumber: r[o + 1], representativeName: r[o + 2], representativeTitle: r[o + 3], sizeTier: r[o + 4] } as Organization);
    }
    return m as unknown as Member;
  };
}
