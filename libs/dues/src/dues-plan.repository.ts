import { Injectable } from '@nestjs/common';
import { TransactionService, keysetPage, type Page } from '#core';
import { DuesPlan } from './dues-plan.entity.js';

@Injectable()
export class DuesPlanRepository {
  constructor(private readonly tx: TransactionService) {}

  private get repo() {
    return this.tx.repository(DuesPlan);
  }

  async findById(id: string): Promise<DuesPlan | null> {
    return this.repo.findOne({ where: { id } });
  }

  async findByCode(code: string): Promise<DuesPlan | null> {
    return this.repo.findOne({ where: { code } });
  }

  async findByIds(ids: readonly string[]): Promise<DuesPlan[]> {
    if (ids.length === 0) return [];
    return this.repo.createQueryBuilder('p').where('p.id = ANY(:ids)', { ids }).getMany();
  }

  async lockById(id: string): Promise<DuesPlan | null> {
    return this.repo.createQueryBuilder('p').where('p.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  async save(plan: DuesPlan): Promise<DuesPlan> {
    return this.repo.save(plan);
  }

  /** Plans by code (the unique index dues_plans_code_key serves the sort). */
  async list(filter: { activeOnly?: boolean }, page: { first: number; after?: string }): Promise<Page<DuesPlan>> {
    const qb = this.repo.createQueryBuilder('p');
    if (filter.activeOnly) qb.andWhere('p.active');
    return keysetPage(qb, [{ expression: 'p.code', value: (p) => p.code }], page);
  }
}
