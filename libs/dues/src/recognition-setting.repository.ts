import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import type { RecognitionPolicy } from './recognition-policy.js';

/** The federation's recognition setting and the books' overrides. */
@Injectable()
export class RecognitionSettingRepository {
  constructor(private readonly tx: TransactionService) {}

  async federation(): Promise<RecognitionPolicy | null> {
    const [row] = await this.tx.manager.query(`SELECT policy FROM dues_recognition_settings WHERE id = 1`);
    return (row?.policy as RecognitionPolicy) ?? null;
  }

  async overrides(bookIds?: readonly string[]): Promise<Map<string, RecognitionPolicy>> {
    const rows: { book_id: string; policy: RecognitionPolicy }[] = await this.tx.manager.query(
      `SELECT book_id, policy FROM dues_recognition_book_overrides WHERE $1::uuid[] IS NULL OR book_id = ANY($1::uuid[]) ORDER BY book_id`,
      [bookIds ? [...bookIds] : null],
    );
    return new Map(rows.map((r) => [r.book_id, r.policy]));
  }

  /** Locks and sets the federation's setting; returns the one it replaced. */
  async setFederation(policy: RecognitionPolicy, userId: string | null): Promise<RecognitionPolicy | null> {
    const before = await this.tx.manager.query(`SELECT policy FROM dues_recognition_settings WHERE id = 1 FOR UPDATE`);
    await this.tx.manager.query(
      `INSERT INTO dues_recognition_settings (id, policy, updated_by) VALUES (1, $1, $2)
       ON CONFLICT (id) DO UPDATE SET policy = EXCLUDED.policy, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [policy, userId],
    );
    return (before[0]?.policy as RecognitionPolicy) ?? null;
  }

  /** Sets (or with null removes) a book's override; returns the one it replaced. */
  async setOverride(bookId: string, policy: RecognitionPolicy | null, userId: string | null): Promise<RecognitionPolicy | null> {
    const before = await this.tx.manager.query(`SELECT policy FROM dues_recognition_book_overrides WHERE book_id = $1 FOR UPDATE`, [bookId]);
    if (policy === null) await this.tx.manager.query(`DELETE FROM dues_recognition_book_overrides WHERE book_id = $1`, [bookId]);
    else
      await this.tx.manager.query(
        `INSERT INTO dues_recognition_book_overrides (book_id, policy, updated_by) VALUES ($1, $2, $3)
         ON CONFLICT (book_id) DO UPDATE SET policy = EXCLUDED.policy, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [bookId, policy, userId],
      );
    return (before[0]?.policy as RecognitionPolicy) ?? null;
  }
}
