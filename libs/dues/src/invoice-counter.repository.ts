import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';

/**
 * The gap-free invoice counters: one row per branch and fiscal year, locked by
 * the issuing transaction until it commits (a rolled-back issue gives its numbers back).
 */
@Injectable()
export class InvoiceCounterRepository {
  constructor(private readonly tx: TransactionService) {}

  /** Takes the next `count` numbers (creating the counter at 0), locking the row; returns the first. */
  async take(branchId: string, fiscalYear: number, count = 1): Promise<number> {
    const [row] = await this.tx.manager.query(
      `INSERT INTO dues_invoice_counters AS c (branch_id, fiscal_year, last_sequence) VALUES ($1, $2, $3)
       ON CONFLICT (branch_id, fiscal_year) DO UPDATE SET last_sequence = c.last_sequence + EXCLUDED.last_sequence
       RETURNING last_sequence`,
      [branchId, fiscalYear, count],
    );
    return Number(row.last_sequence) - count + 1;
  }

  /** Locks the counter (creating it at 0) without taking a number; returns the last number issued. */
  async lock(branchId: string, fiscalYear: number): Promise<number> {
    await this.tx.manager.query(
      `INSERT INTO dues_invoice_counters (branch_id, fiscal_year, last_sequence) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING`,
      [branchId, fiscalYear],
    );
    const [row] = await this.tx.manager.query(
      `SELECT last_sequence FROM dues_invoice_counters WHERE branch_id = $1 AND fiscal_year = $2 FOR UPDATE`,
      [branchId, fiscalYear],
    );
    return Number(row.last_sequence);
  }

  /** Sets the counter of a locked row after a batch took numbers last+1 … `lastSequence`. */
  async advanceTo(branchId: string, fiscalYear: number, lastSequence: number): Promise<void> {
    await this.tx.manager.query(`UPDATE dues_invoice_counters SET last_sequence = $3 WHERE branch_id = $1 AND fiscal_year = $2`, [
      branchId,
      fiscalYear,
      lastSequence,
    ]);
  }
}
