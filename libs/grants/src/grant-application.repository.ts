import { Injectable } from '@nestjs/common';
import { TransactionService, keysetPage, type Page } from '#core';
import type { GrantApplicationStatus } from './application-status.js';
import { GrantApplication } from './grant-application.entity.js';
import { GrantDocument } from './grant-document.entity.js';

export interface ApplicationFilter {
  programId?: string | null;
  status?: GrantApplicationStatus | null;
  /** A member sees only these: their member record or the applications they made. */
  ownedBy?: { memberId: string | null; userId: string } | null;
}

/** Applications and their documents. Runs in the caller's transaction. */
@Injectable()
export class GrantApplicationRepository {
  constructor(private readonly tx: TransactionService) {}

  private get applications() {
    return this.tx.repository(GrantApplication);
  }

  private get documents() {
    return this.tx.repository(GrantDocument);
  }

  /** Inserts with the program's next number (numbers of one program are handed out one at a time). */
  async insert(application: Omit<GrantApplication, 'id' | 'number' | 'createdAt' | 'updatedAt'>): Promise<GrantApplication> {
    return this.tx.run(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('grant-application-number:' || $1::text))`, [application.programId]);
      const [{ next }] = await m.query(`SELECT COALESCE(max(number), 0) + 1 AS next FROM grant_applications WHERE program_id = $1`, [application.programId]);
      return this.applications.save(Object.assign(new GrantApplication(), application, { number: next }));
    });
  }

  findById(id: string): Promise<GrantApplication | null> {
    return this.applications.findOne({ where: { id } });
  }

  lockById(id: string): Promise<GrantApplication | null> {
    return this.applications.createQueryBuilder('a').setLock('pessimistic_write').where('a.id = :id', { id }).getOne();
  }

  save(application: GrantApplication): Promise<GrantApplication> {
    return this.applications.save(application);
  }

  page(filter: ApplicationFilter, page: { first: number; after?: string }): Promise<Page<GrantApplication>> {
    const qb = this.applications.createQueryBuilder('a');
    if (filter.programId) qb.andWhere('a.program_id = :programId', { programId: filter.programId });
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter.ownedBy) {
      qb.andWhere('(a.applicant_member_id = :memberId OR a.created_by = :userId)', { memberId: filter.ownedBy.memberId, userId: filter.ownedBy.userId });
    }
    return keysetPage(qb, [{ expression: 'a.id', value: (a) => a.id }], page, 'DESC');
  }

  /** Every application of a program in number order (reports: one program holds thousands at most). */
  forProgram(programId: string): Promise<GrantApplication[]> {
    return this.applications.find({ where: { programId }, order: { number: 'ASC' } });
  }

  /** Application numbers by id, one query. */
  async numbersOf(ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; number: number }[] = await this.tx.manager.query(`SELECT id, number FROM grant_applications WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, r.number]));
  }

  insertDocument(document: Omit<GrantDocument, 'id' | 'uploadedAt'>): Promise<GrantDocument> {
    return this.documents.save(Object.assign(new GrantDocument(), document));
  }

  documentsOf(applicationIds: string[]): Promise<GrantDocument[]> {
    if (applicationIds.length === 0) return Promise.resolve([]);
    return this.documents.createQueryBuilder('d').where('d.application_id = ANY(:ids)', { ids: applicationIds }).orderBy('d.uploaded_at').addOrderBy('d.id').getMany();
  }

  documentWithContent(id: string): Promise<GrantDocument | null> {
    return this.documents.createQueryBuilder('d').addSelect('d.content').where('d.id = :id', { id }).getOne();
  }
}
