import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import { Settlement } from './settlement.entity.js';

/** The settlements table. Runs in the caller's transaction. */
@Injectable()
export class SettlementRepository {
  constructor(private readonly tx: TransactionService) {}

  /** Serializes settlements of one branch (checking what is owed, then clearing it) until commit. */
  async lockBranch(branchId: string): Promise<void> {
    await this.tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('settlement'), hashtext($1))`, [branchId]);
  }

  /** Inserts unless the idempotency key is taken (then null: the other request has committed). */
  async claim(row: Pick<Settlement, 'branchId' | 'direction' | 'amount' | 'currency' | 'settledOn' | 'reference' | 'memo' | 'idempotencyKey' | 'requestHash' | 'recordedBy'>): Promise<string | null> {
    const rows: { id: string }[] = await this.tx.manager.query(
      `INSERT INTO settlements (branch_id, direction, amount, currency, settled_on, reference, memo, idempotency_key, request_hash, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [row.branchId, row.direction, row.amount.toString(), row.currency, row.settledOn, row.reference, row.memo, row.idempotencyKey, row.requestHash, row.recordedBy],
    );
    return rows[0]?.id ?? null;
  }

  findById(id: string): Promise<Settlement | null> {
    return this.tx.repository(Settlement).findOne({ where: { id } });
  }

  findByIdempotencyKey(key: string): Promise<Settlement | null> {
    return this.tx.repository(Settlement).findOne({ where: { idempotencyKey: key } });
  }

  async setEntries(id: string, entries: { branchEntryId: string; postedOn: string; federationEntryId: string }): Promise<void> {
    await this.tx.repository(Settlement).update({ id }, entries);
  }

  /** The branch's settlements posted (in the branch book) from..to, oldest first. */
  /** The branch's settlements settled in [from, to], by day. */
  settledBetween(branchId: string, from: string, to: string): Promise<Settlement[]> {
    return this.tx
      .repository(Settlement)
      .createQueryBuilder('s')
      .where('s.branch_id = :branchId AND s.settled_on BETWEEN :from AND :to', { branchId, from, to })
      .orderBy('s.settled_on')
      .addOrderBy('s.id')
      .getMany();
  }

  postedInPeriod(branchId: string, from: string, to: string): Promise<Settlement[]> {
    return this.tx
      .repository(Settlement)
      .createQueryBuilder('s')
      .where('s.branch_id = :branchId AND s.posted_on BETWEEN :from AND :to', { branchId, from, to })
      .orderBy('s.posted_on')
      .addOrderBy('s.id')
      .getMany();
  }
}
