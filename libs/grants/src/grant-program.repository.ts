import { Injectable } from '@nestjs/common';
import { TransactionService, keysetPage, type Page } from '#core';
import { GrantProgram } from './grant-program.entity.js';

export interface ProgramTotals {
  /** Σ awards counting against the budget. */
  awarded: bigint;
  /** Σ paid disbursements. */
  disbursed: bigint;
}

/** Grant programs and their derived budget figures. Runs in the caller's transaction. */
@Injectable()
export class GrantProgramRepository {
  constructor(private readonly tx: TransactionService) {}

  private get programs() {
    return this.tx.repository(GrantProgram);
  }

  findById(id: string): Promise<GrantProgram | null> {
    return this.programs.findOne({ where: { id } });
  }

  findByIds(ids: string[]): Promise<GrantProgram[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.programs.createQueryBuilder('p').where('p.id = ANY(:ids)', { ids }).getMany();
  }

  findByCode(code: string): Promise<GrantProgram | null> {
    return this.programs.findOne({ where: { code } });
  }

  /** Locks the program row: every award, release and budget change of a program is serialized on it. */
  lockById(id: string): Promise<GrantProgram | null> {
    return this.programs.createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :id', { id }).getOne();
  }

  save(program: GrantProgram): Promise<GrantProgram> {
    return this.programs.save(program);
  }

  list(filter: { fiscalYear?: number | null }, page: { first: number; after?: string }): Promise<Page<GrantProgram>> {
    const qb = this.programs.createQueryBuilder('p');
    if (filter.fiscalYear) qb.andWhere('p.fiscal_year = :fy', { fy: filter.fiscalYear });
    return keysetPage(qb, [{ expression: 'p.code', value: (p) => p.code }], page);
  }

  async totals(programId: string): Promise<ProgramTotals> {
    const [row] = await this.tx.manager.query(
      `SELECT (SELECT COALESCE(sum(awarded_amount), 0) FROM grant_applications WHERE program_id = $1)::text AS awarded,
              (SELECT COALESCE(sum(amount), 0) FROM grant_disbursements WHERE program_id = $1 AND status = 'PAID')::text AS disbursed`,
      [programId],
    );
    return { awarded: BigInt(row.awarded), disbursed: BigInt(row.disbursed) };
  }

  /** Σ awards of one person in the program, one application left out. */
  async awardedToPerson(programId: string, applicantKey: string, exceptApplicationId: string): Promise<bigint> {
    const [row] = await this.tx.manager.query(
      `SELECT COALESCE(sum(awarded_amount), 0)::text AS awarded FROM grant_applications WHERE program_id = $1 AND applicant_key = $2 AND id <> $3`,
      [programId, applicantKey, exceptApplicationId],
    );
    return BigInt(row.awarded);
  }
}
