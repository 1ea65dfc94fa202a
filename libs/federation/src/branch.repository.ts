import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TransactionService, keysetPage, type Page } from '#core';
import { Branch } from './branch.entity.js';

/** Branch rows, through the current transaction. */
@Injectable()
export class BranchRepository {
  constructor(private readonly tx: TransactionService) {}

  findById(id: string): Promise<Branch | null> {
    return this.tx.repository(Branch).findOne({ where: { id } });
  }

  /** One query for many ids; unknown ids are simply absent. */
  findByIds(ids: readonly string[]): Promise<Branch[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.tx.repository(Branch).find({ where: { id: In([...ids]) } });
  }

  findByCodes(codes: readonly string[]): Promise<Branch[]> {
    if (codes.length === 0) return Promise.resolve([]);
    return this.tx.repository(Branch).find({ where: { code: In([...codes]) } });
  }

  findByCode(code: string): Promise<Branch | null> {
    return this.tx.repository(Branch).findOne({ where: { code } });
  }

  async count(): Promise<number> {
    return this.tx.repository(Branch).count();
  }

  /** Branches by code (the unique index), keyset-paginated; `ids` limits to a branch scope. */
  page(filter: { ids?: readonly string[]; prefecture?: string }, page: { first: number; after?: string }): Promise<Page<Branch>> {
    const qb = this.tx.repository(Branch).createQueryBuilder('b');
    if (filter.ids) qb.andWhere('b.id = ANY(:ids)', { ids: [...filter.ids] });
    if (filter.prefecture) qb.andWhere('b.prefecture = :prefecture', { prefecture: filter.prefecture });
    return keysetPage(qb, [{ expression: 'b.code', value: (b) => b.code }], page);
  }

  save(branch: Branch): Promise<Branch> {
    return this.tx.repository(Branch).save(branch);
  }

  create(fields: Partial<Branch>): Branch {
    return this.tx.repository(Branch).create(fields);
  }

  /** Inserts many at once (seeding), returning them with their ids. */
  async insertMany(rows: Partial<Branch>[]): Promise<Branch[]> {
    const result = await this.tx.repository(Branch).createQueryBuilder().insert().values(rows).returning('*').execute();
    return (result.raw as Record<string, unknown>[]).map((r) =>
      this.tx.repository(Branch).create({
        id: r.id as string,
        code: r.code as string,
        nameJa: r.name_ja as string,
        nameEn: r.name_en as string,
        prefecture: r.prefecture as string,
        contactEmail: r.contact_email as string | null,
        contactPhone: r.contact_phone as string | null,
      }),
    );
  }
}
