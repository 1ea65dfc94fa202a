import { Injectable } from '@nestjs/common';
import { In, type SelectQueryBuilder } from 'typeorm';
import { TransactionService, keysetPage, type KeysetSort, type Page } from '#core';
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

/** Member rows with their person or organization details, through the current transaction. */
@Injectable()
export class MemberRepository {
  constructor(private readonly tx: TransactionService) {}

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

  search(criteria: MemberCriteria, sort: MemberSort, direction: 'ASC' | 'DESC', page: { first: number; after?: string }): Promise<Page<Member>> {
    const qb = this.withDetails();
    const branches = criteria.branchIds;
    if (branches?.length === 1) qb.andWhere('m.branch_id = :branchId', { branchId: branches[0] });
    else if (branches) qb.andWhere('m.branch_id = ANY(:branchIds)', { branchIds: [...branches] });
    if (criteria.memberNumberPrefix) qb.andWhere('m.member_number LIKE :number', { number: likePrefix(criteria.memberNumberPrefix) });
    if (criteria.emailPrefix) qb.andWhere('m.email LIKE :email', { email: likePrefix(criteria.emailPrefix) });
    if (criteria.status) qb.andWhere('m.status = :status', { status: criteria.status });
    // Member numbers start with the kind's letter: the kind filter is a range of the member number index.
    if (criteria.kind) qb.andWhere('m.member_number LIKE :kindPrefix', { kindPrefix: criteria.kind === MemberKind.PERSON ? 'P%' : 'O%' });
    if (criteria.nameKey) {
      qb.andWhere('(m.name_key LIKE :name OR m.alt_name_key LIKE :name OR m.kana_key LIKE :name OR m.alt_kana_key LIKE :name)', {
        name: likePrefix(criteria.nameKey),
      });
    }
    return keysetPage(qb, SORTS[sort], page, direction);
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
