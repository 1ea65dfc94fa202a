import { Injectable } from '@nestjs/common';
import { TransactionService, isUniqueViolation } from '#core';
import { DonationsError } from './donations.errors.js';

export interface Fund {
  id: string;
  code: string;
  nameJa: string;
  nameEn: string;
  bookId: string;
  /** The branch whose book receives it; null for the federation's and the foundation's funds. */
  branchId: string | null;
  restricted: boolean;
  open: boolean;
  createdAt: Date;
}

const COLUMNS = `id, code, name_ja AS "nameJa", name_en AS "nameEn", book_id AS "bookId", branch_id AS "branchId", restricted, open, created_at AS "createdAt"`;

/** The funds table, in the caller's transaction. */
@Injectable()
export class FundRepository {
  constructor(private readonly tx: TransactionService) {}

  async findById(id: string): Promise<Fund | null> {
    const [row] = await this.tx.manager.query(`SELECT ${COLUMNS} FROM funds WHERE id = $1`, [id]);
    return row ?? null;
  }

  async findByIds(ids: readonly string[]): Promise<Fund[]> {
    return this.tx.manager.query(`SELECT ${COLUMNS} FROM funds WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async lock(id: string): Promise<Fund | null> {
    const [row] = await this.tx.manager.query(`SELECT ${COLUMNS} FROM funds WHERE id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  }

  /** Funds by code; `branchIds` 'ALL' or the branches whose funds (plus the central ones) to show; open ones only unless asked. */
  async list(filter: { openOnly: boolean; afterCode?: string | null; limit: number }): Promise<Fund[]> {
    return this.tx.manager.query(
      `SELECT ${COLUMNS} FROM funds WHERE ($1::boolean IS FALSE OR open) AND ($2::text IS NULL OR code > $2) ORDER BY code LIMIT $3`,
      [filter.openOnly, filter.afterCode ?? null, filter.limit],
    );
  }

  async insert(f: Omit<Fund, 'id' | 'createdAt' | 'open'>): Promise<Fund> {
    try {
      const [row] = await this.tx.manager.query(
        `INSERT INTO funds (code, name_ja, name_en, book_id, branch_id, restricted) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
        [f.code, f.nameJa, f.nameEn, f.bookId, f.branchId, f.restricted],
      );
      return row;
    } catch (error) {
      if (isUniqueViolation(error, 'funds_code_key')) throw DonationsError.fundCodeTaken(f.code);
      throw error;
    }
  }

  async update(id: string, changes: Partial<Pick<Fund, 'nameJa' | 'nameEn' | 'open'>>): Promise<Fund> {
    const [rows] = await this.tx.manager.query(
      `UPDATE funds SET name_ja = COALESCE($2, name_ja), name_en = COALESCE($3, name_en), open = COALESCE($4, open), updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, changes.nameJa ?? null, changes.nameEn ?? null, changes.open ?? null],
    );
    return rows[0];
  }
}
