import { Injectable } from '@nestjs/common';
import { In, type SelectQueryBuilder } from 'typeorm';
import { PreparedStatements, TransactionService, decodeKeysetCursor, pageOfRows, type KeysetSort, type Page } from '#core';
import { MEMBER_LIST_FROM, memberListReading, type MemberListFields, type MemberListReading } from './member-list-rows.js';
import { MemberKind } from './member-number.js';
import { Member, type MemberStatus } from './member.entity.js';
import { Organization } from './organization.entity.js';
import { Person } from './person.entity.js';
import { likePrefix } from './validation/search-key.js';

export enum MemberSort {
  MEMBER_NUMBER = 'MEMBER_NUMBER',
  NAME_KANA = 'NAME_KANA',
  JOINED_ON = 'JOINED_ON',
}

/** What a member list is narrowed by; every text criterion is already normalized (see MemberSearch). */
export interface MemberCriteria {
  /** Branch scope or filter; undefined for every branch. */
  branchIds?: readonly string[];
  /** Prefix of the member number (P000012 finds P0000120…P0000129). */
  memberNumberPrefix?: string;
  /** searchKey() of a name: prefix of the full name, given name or name without legal form, kanji or kana. */
  nameKey?: string;
  /** Prefix of the lower-cased e-mail address. */
  emailPrefix?: string;
  status?: MemberStatus;
  kind?: MemberKind;
}

/** Sort keys, each backed by an index alone and after branch_id (see the migration). */
const SORTS: Record<MemberSort, KeysetSort<Member>[]> = {
  [MemberSort.MEMBER_NUMBER]: [{ expression: 'm.member_number', value: (m) => m.memberNumber }],
  [MemberSort.NAME_KANA]: [
    { expression: 'm.kana_key', value: (m) => m.kanaKey },
    { expression: 'm.id', value: (m) => m.id },
  ],
  [MemberSort.JOINED_ON]: [
    { expression: 'm.joined_on', value: (m) => m.joinedOn },
    { expression: 'm.id', value: (m) => m.id },
  ],
};

/** Search keys made only of katakana (and ー, ヽ, ヾ) can match the kana columns; others cannot. */
const KATAKANA_KEY = /^[\u30A1-\u30FA\u30FC-\u30FE]+$/u;

/** The WHERE conditions of every criterion but the name, with named parameters. */
function filterConditions(criteria: MemberCriteria): { where: string[]; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const branches = criteria.branchIds;
  if (branches?.length === 1) {
    where.push('m.branch_id = :branchId');
    params.branchId = branches[0];
  } else if (branches) {
    where.push('m.branch_id = ANY(:branchIds)');
    params.branchIds = [...branches];
  }
  if (criteria.memberNumberPrefix) {
    where.push('m.member_number LIKE :number');
    params.number = likePrefix(criteria.memberNumberPrefix);
  }
  if (criteria.emailPrefix) {
    where.push('m.email LIKE :email');
    params.email = likePrefix(criteria.emailPrefix);
  }
  if (criteria.status) {
    where.push('m.status = :status');
    params.status = criteria.status;
  }
  // Member numbers start with the kind's letter: the kind filter is a range of the member number index.
  if (criteria.kind) {
    where.push('m.member_number LIKE :kindPrefix');
    params.kindPrefix = criteria.kind === MemberKind.PERSON ? 'P%' : 'O%';
  }
  return { where, params };
}

/** Member rows with their person or organization details, through the current transaction. */
@Injectable()
export class MemberRepository {
  constructor(
    private readonly tx: TransactionService,
    private readonly statements: PreparedStatements,
  ) {}

  /** `sql` with named parameters (`:name`) as a prepared statement; rows of `reading`'s columns (as arrays) as members. */
  private async listRows(sql: string, params: Record<string, unknown>, reading: MemberListReading): Promise<Member[]> {
    const [text, values] = this.tx.manager.connection.driver.escapeQueryWithParameters(sql, params);
    return this.statements.arrays(text, values, reading.fromRow);
  }

  /** The cursor values of `after` for `keys`, checked against the members columns' types. */
  private afterValues(after: string, keys: KeysetSort<Member>[]) {
    const metadata = this.tx.repository(Member).metadata;
    return decodeKeysetCursor(after, keys, (alias) => (alias === 'm' ? metadata : undefined));
  }

  private withDetails(): SelectQueryBuilder<Member> {
    return this.tx
      .repository(Member)
      .createQueryBuilder('m')
      .leftJoinAndMapOne('m.person', Person, 'p', 'p.member_id = m.id')
      .leftJoinAndMapOne('m.organization', Organization, 'o', 'o.member_id = m.id');
  }

  findById(id: string): Promise<Member | null> {
    return this.withDetails().where('m.id = :id', { id }).getOne();
  }

  /** Locks the member row for an update in the current transaction. */
  async lockById(id: string): Promise<Member | null> {
    const locked = await this.tx.repository(Member).createQueryBuilder('m').select('m.id').where('m.id = :id', { id }).setLock('pessimistic_write').getOne();
    return locked ? this.findById(id) : null;
  }

  findByIds(ids: readonly string[]): Promise<Member[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.withDetails().where('m.id = ANY(:ids)', { ids: [...ids] }).getMany();
  }

  /** member id → branch id, one query. */
  async branchOf(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.tx.repository(Member).find({ select: { id: true, branchId: true }, where: { id: In([...new Set(ids)]) } });
    return new Map(rows.map((r) => [r.id, r.branchId]));
  }

  /**
   * A keyset page of members, one statement. Without a name: filters, sort index, LIMIT. With a
   * name: see pageByName. `fields`: the Member properties to read (memberListColumns; default all).
   */
  async search(
    criteria: MemberCriteria,
    sort: MemberSort,
    direction: 'ASC' | 'DESC',
    page: { first: number; after?: string },
    fields?: MemberListFields,
  ): Promise<Page<Member>> {
    const reading = memberListReading(fields);
    if (criteria.nameKey) return this.pageByName(criteria, criteria.nameKey, sort, direction, page, reading);
    const keys = SORTS[sort];
    const { where, params } = filterConditions(criteria);
    if (page.after) where.push(this.afterCondition(this.afterValues(page.after, keys), keys, direction, params));
    params.limit = page.first + 1;
    const sql = `SELECT ${reading.columns} ${MEMBER_LIST_FROM}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${keys.map((k) => `${k.expression} ${direction}`).join(', ')} LIMIT :limit`;
    return pageOfRows(await this.listRows(sql, params, reading), page.first, keys);
  }

  /** `(k1, k2) > (:after0, :after1)` (or `<` descending), its values added to `params`. */
  private afterCondition(values: readonly unknown[], keys: KeysetSort<Member>[], direction: 'ASC' | 'DESC', params: Record<string, unknown>): string {
    values.forEach((v, i) => (params[`after${i}`] = v));
    return `(${keys.map((k) => k.expression).join(', ')}) ${direction === 'ASC' ? '>' : '<'} (${values.map((_, i) => `:after${i}`).join(', ')})`;
  }

  /**
   * Name search, one statement. The page's ids first: one branch per search column (prefix of
   * the full name, given name / name without legal form, in kanji and in kana), each an index
   * range scan sorted and limited on its own, merged with UNION (a member matching twice
   * counts once). A single OR over four columns makes PostgreSQL walk the sort index and
   * filter, which is slow whenever the matches sit late in that order; per-column branches
   * are planned from accurate estimates. Then, in the same statement, those ids joined to the
   * members with their details (one round trip, one socket write, instead of two).
   * Kana columns are searched only for katakana queries (they hold nothing else).
   */
  private async pageByName(
    criteria: MemberCriteria,
    nameKey: string,
    sort: MemberSort,
    direction: 'ASC' | 'DESC',
    page: { first: number; after?: string },
    reading: MemberListReading,
  ): Promise<Page<Member>> {
    const keys = SORTS[sort];
    const { where, params } = filterConditions(criteria);
    if (page.after) where.push(this.afterCondition(this.afterValues(page.after, keys), keys, direction, params));
    params.name = likePrefix(nameKey);
    const limit = page.first + 1;
    const searched = KATAKANA_KEY.test(nameKey) ? ['name_key', 'alt_name_key', 'kana_key', 'alt_kana_key'] : ['name_key', 'alt_name_key'];
    const select = keys.map((k, i) => `${k.expression} AS k${i}`).join(', ');
    const order = keys.map((k) => `${k.expression} ${direction}`).join(', ');
    const uOrder = keys.map((_, i) => `u.k${i} ${direction}`).join(', ');
    const branches = searched.map((column) => {
      const filter = `FROM members m WHERE ${[...where, `m.${column} LIKE :name`].join(' AND ')}`;
      // Kana order clusters by family name: walking that index while filtering on another name
      // column may read most of the table before finding a match. Collect the matches first
      // (OFFSET 0 keeps PostgreSQL from flattening the subquery), then sort them.
      if (sort === MemberSort.NAME_KANA && column !== 'kana_key') {
        return `(SELECT s.* FROM (SELECT m.id, ${select} ${filter} OFFSET 0) s ORDER BY ${keys.map((_, i) => `s.k${i} ${direction}`).join(', ')} LIMIT ${limit})`;
      }
      return `(SELECT m.id, ${select} ${filter} ORDER BY ${order} LIMIT ${limit})`;
    });
    // The ids (materialized: planned as before, on their own), then their rows in the ids' order.
    const sql = `WITH u AS MATERIALIZED (SELECT u.id, ${keys.map((_, i) => `u.k${i}`).join(', ')} FROM (${branches.join(' UNION ')}) u ORDER BY ${uOrder} LIMIT ${limit})
      SELECT ${reading.columns} FROM u JOIN members m ON m.id = u.id LEFT JOIN persons p ON p.member_id = m.id LEFT JOIN organizations o ON o.member_id = m.id
      ORDER BY ${uOrder}`;
    return pageOfRows(await this.listRows(sql, params, reading), page.first, keys);
  }

  /** The e-mail addresses among `emails` already used by a member other than `exceptId`. */
  async emailsInUse(emails: readonly string[], exceptId?: string): Promise<Set<string>> {
    if (emails.length === 0) return new Set();
    const qb = this.tx.repository(Member).createQueryBuilder('m').select('m.email', 'email').where('m.email = ANY(:emails)', { emails: [...emails] });
    if (exceptId) qb.andWhere('m.id <> :exceptId', { exceptId });
    const rows: { email: string }[] = await qb.getRawMany();
    return new Set(rows.map((r) => r.email));
  }

  /** Members holding any of these numbers, by number. */
  async byMemberNumbers(numbers: readonly string[]): Promise<Map<string, Member>> {
    if (numbers.length === 0) return new Map();
    const rows = await this.withDetails().where('m.member_number = ANY(:numbers)', { numbers: [...numbers] }).getMany();
    return new Map(rows.map((m) => [m.memberNumber, m]));
  }

  /** Members with any of these e-mail addresses, by address. */
  async byEmails(emails: readonly string[]): Promise<Map<string, Member>> {
    if (emails.length === 0) return new Map();
    const rows = await this.withDetails().where('m.email = ANY(:emails)', { emails: [...emails] }).getMany();
    return new Map(rows.map((m) => [m.email!, m]));
  }

  async corporateNumberInUse(corporateNumber: string, exceptId?: string): Promise<boolean> {
    const qb = this.tx.repository(Organization).createQueryBuilder('o').where('o.corporate_number = :n', { n: corporateNumber });
    if (exceptId) qb.andWhere('o.member_id <> :exceptId', { exceptId });
    return (await qb.getCount()) > 0;
  }

  async count(): Promise<number> {
    return this.tx.repository(Member).count();
  }

  async countByKind(): Promise<Record<MemberKind, number>> {
    const rows: { kind: MemberKind; n: string }[] = await this.tx.repository(Member).createQueryBuilder('m').select('m.kind', 'kind').addSelect('count(*)', 'n').groupBy('m.kind').getRawMany();
    const out = { [MemberKind.PERSON]: 0, [MemberKind.ORGANIZATION]: 0 };
    for (const r of rows) out[r.kind] = Number(r.n);
    return out;
  }

  /** Inserts members with their details, set-based (one statement per table per call). Ids are the caller's. */
  async insertMany(members: Partial<Member>[], persons: Partial<Person>[], organizations: Partial<Organization>[]): Promise<void> {
    const insert = async (entity: typeof Member | typeof Person | typeof Organization, rows: object[]) => {
      for (let i = 0; i < rows.length; i += 1000) {
        await this.tx.manager.createQueryBuilder().insert().into(entity).values(rows.slice(i, i + 1000)).updateEntity(false).execute();
      }
    };
    await insert(Member, members);
    await insert(Person, persons);
    await insert(Organization, organizations);
  }

  async saveMember(member: Member): Promise<Member> {
    const { person, organization, ...row } = member;
    const saved = await this.tx.repository(Member).save(row as Member);
    return Object.assign(member, saved, { person, organization });
  }

  savePerson(person: Person): Promise<Person> {
    return this.tx.repository(Person).save(person);
  }

  saveOrganization(organization: Organization): Promise<Organization> {
    return this.tx.repository(Organization).save(organization);
  }
}
