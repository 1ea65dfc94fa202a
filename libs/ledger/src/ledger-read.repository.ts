import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import type { AccountType } from './chart.js';
import type { JournalSource, Side } from './posting.js';

export interface TrialBalanceRow {
  accountId: string;
  code: string;
  type: AccountType;
  nameJa: string;
  nameEn: string;
  debit: bigint;
  credit: bigint;
}

export interface AccountEntryRow {
  lineId: string;
  entryId: string;
  entryDate: string;
  source: JournalSource;
  sourceId: string;
  entryMemo: string;
  lineMemo: string | null;
  side: Side;
  amount: bigint;
  counterpartyBookId: string | null;
  fundCode: string | null;
  reversesEntryId: string | null;
}

export interface FundBalanceRow {
  fundCode: string;
  income: bigint;
  expense: bigint;
}

export interface BalanceFilter {
  bookId: string;
  accountCode: string;
  counterpartyBookId?: string | null;
  fundCode?: string | null;
  asOf?: string | null;
}

const NET_DEBIT = `COALESCE(sum(CASE WHEN l.side = 'DEBIT' THEN l.amount ELSE -l.amount END), 0)::text`;

/** Reads over journal lines: every figure derived from the lines, nothing counted elsewhere. */
@Injectable()
export class LedgerReadRepository {
  constructor(private readonly tx: TransactionService) {}

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.tx.manager.query(sql, params);
  }

  async accountId(bookId: string, code: string): Promise<string | null> {
    const rows = await this.query<{ id: string }>(`SELECT id FROM accounts WHERE book_id = $1 AND code = $2`, [bookId, code]);
    return rows[0]?.id ?? null;
  }

  /** Debits minus credits of one account's lines, optionally of one counterparty / fund, up to a date. */
  async netDebit(accountId: string, filter: Omit<BalanceFilter, 'bookId' | 'accountCode'>): Promise<bigint> {
    const where = ['l.account_id = $1'];
    const params: unknown[] = [accountId];
    if (filter.counterpartyBookId) where.push(`l.counterparty_book_id = $${params.push(filter.counterpartyBookId)}`);
    if (filter.fundCode) where.push(`l.fund_code = $${params.push(filter.fundCode)}`);
    if (filter.asOf) where.push(`l.entry_date <= $${params.push(filter.asOf)}::date`);
    const [row] = await this.query<{ net: string }>(`SELECT ${NET_DEBIT} AS net FROM journal_lines l WHERE ${where.join(' AND ')}`, params);
    return BigInt(row.net);
  }

  async netDebitByCounterparty(accountId: string, range: { from?: string | null; to?: string | null }): Promise<{ counterpartyBookId: string; balance: bigint }[]> {
    const where = ['l.account_id = $1', 'l.counterparty_book_id IS NOT NULL'];
    const params: unknown[] = [accountId];
    if (range.from) where.push(`l.entry_date >= $${params.push(range.from)}::date`);
    if (range.to) where.push(`l.entry_date <= $${params.push(range.to)}::date`);
    const rows = await this.query<{ counterparty_book_id: string; net: string }>(
      `SELECT l.counterparty_book_id, ${NET_DEBIT} AS net FROM journal_lines l
        WHERE ${where.join(' AND ')} GROUP BY l.counterparty_book_id ORDER BY l.counterparty_book_id`,
      params,
    );
    return rows.map((r) => ({ counterpartyBookId: r.counterparty_book_id, balance: BigInt(r.net) }));
  }

  async trialBalance(bookId: string, asOf: string): Promise<TrialBalanceRow[]> {
    const rows = await this.query<Record<string, string>>(
      `SELECT a.id, a.code, a.type, a.name_ja, a.name_en, s.debit, s.credit
         FROM accounts a
         CROSS JOIN LATERAL (
           SELECT COALESCE(sum(l.amount) FILTER (WHERE l.side = 'DEBIT'), 0)::text AS debit,
                  COALESCE(sum(l.amount) FILTER (WHERE l.side = 'CREDIT'), 0)::text AS credit
             FROM journal_lines l WHERE l.account_id = a.id AND l.entry_date <= $2::date) s
        WHERE a.book_id = $1
        ORDER BY a.code`,
      [bookId, asOf],
    );
    return rows.map((r) => ({
      accountId: r.id,
      code: r.code,
      type: r.type as AccountType,
      nameJa: r.name_ja,
      nameEn: r.name_en,
      debit: BigInt(r.debit),
      credit: BigInt(r.credit),
    }));
  }

  /** A page of an account's lines in (entry date, line id) order after the cursor key, with the balance before it. */
  async accountLines(accountId: string, after: { entryDate: string; lineId: string } | null, limit: number): Promise<{ rows: AccountEntryRow[]; opening: bigint }> {
    const params: unknown[] = [accountId, limit];
    const keyset = after ? `AND (l.entry_date, l.id) > ($${params.push(after.entryDate)}::date, $${params.push(after.lineId)}::bigint)` : '';
    const rows = await this.query<Record<string, string | null>>(
      `SELECT l.id, l.entry_id, l.entry_date::text AS entry_date, e.source, e.source_id, e.memo AS entry_memo, l.memo AS line_memo,
              l.side, l.amount::text AS amount, l.counterparty_book_id, l.fund_code, e.reverses_entry_id
         FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
        WHERE l.account_id = $1 ${keyset}
        ORDER BY l.entry_date, l.id
        LIMIT $2`,
      params,
    );
    let opening = 0n;
    if (after) {
      const [row] = await this.query<{ net: string }>(
        `SELECT ${NET_DEBIT} AS net FROM journal_lines l WHERE l.account_id = $1 AND (l.entry_date, l.id) <= ($2::date, $3::bigint)`,
        [accountId, after.entryDate, after.lineId],
      );
      opening = BigInt(row.net);
    }
    return {
      opening,
      rows: rows.map((r) => ({
        lineId: r.id!,
        entryId: r.entry_id!,
        entryDate: r.entry_date!,
        source: r.source as JournalSource,
        sourceId: r.source_id!,
        entryMemo: r.entry_memo!,
        lineMemo: r.line_memo,
        side: r.side as Side,
        amount: BigInt(r.amount!),
        counterpartyBookId: r.counterparty_book_id,
        fundCode: r.fund_code,
        reversesEntryId: r.reverses_entry_id,
      })),
    };
  }

  /** When an entry was written, which entry reverses it, and the names of its book's accounts. */
  async entryMeta(
    entryId: string,
    bookId: string,
  ): Promise<{ createdAt: Date; reversedByEntryId: string | null; accountNames: Map<string, { nameJa: string; nameEn: string }> }> {
    const [row] = await this.query<{ created_at: Date; reversed_by: string | null }>(
      `SELECT e.created_at, (SELECT r.id FROM journal_entries r WHERE r.reverses_entry_id = e.id) AS reversed_by
         FROM journal_entries e WHERE e.id = $1`,
      [entryId],
    );
    const accounts = await this.query<{ id: string; name_ja: string; name_en: string }>(`SELECT id, name_ja, name_en FROM accounts WHERE book_id = $1`, [bookId]);
    return {
      createdAt: row.created_at,
      reversedByEntryId: row.reversed_by,
      accountNames: new Map(accounts.map((a) => [a.id, { nameJa: a.name_ja, nameEn: a.name_en }])),
    };
  }

  async fundBalances(bookId: string, asOf: string): Promise<FundBalanceRow[]> {
    const rows = await this.query<{ fund_code: string; income: string; expense: string }>(
      `SELECT l.fund_code,
              COALESCE(sum(CASE WHEN l.side = 'CREDIT' THEN l.amount ELSE -l.amount END) FILTER (WHERE a.type = 'INCOME'), 0)::text AS income,
              COALESCE(sum(CASE WHEN l.side = 'DEBIT' THEN l.amount ELSE -l.amount END) FILTER (WHERE a.type = 'EXPENSE'), 0)::text AS expense
         FROM journal_lines l JOIN accounts a ON a.id = l.account_id
        WHERE l.book_id = $1 AND l.fund_code IS NOT NULL AND l.entry_date <= $2::date AND a.type IN ('INCOME', 'EXPENSE')
        GROUP BY l.fund_code
        ORDER BY l.fund_code`,
      [bookId, asOf],
    );
    return rows.map((r) => ({ fundCode: r.fund_code, income: BigInt(r.income), expense: BigInt(r.expense) }));
  }

  /** See LedgerQueries.interBookMismatches: one grouped scan of the inter-book lines. */
  async interBookMismatches(): Promise<{ bookId: string; counterpartyBookId: string; accountCode: string; balance: bigint; mirror: bigint }[]> {
    const rows: { book_id: string; counterparty_book_id: string; code: string; balance: string; mirror: string }[] = await this.tx.manager.query(`
      WITH inter AS (
        SELECT l.book_id, l.counterparty_book_id, a.code, sum(CASE l.side WHEN 'DEBIT' THEN l.amount ELSE -l.amount END) AS balance
          FROM journal_lines l JOIN accounts a ON a.id = l.account_id
         WHERE a.code IN ('1500', '2200') AND l.counterparty_book_id IS NOT NULL
         GROUP BY 1, 2, 3)
      SELECT x.book_id, x.counterparty_book_id, x.code, x.balance::text, COALESCE(y.balance, 0)::text AS mirror
        FROM inter x
        LEFT JOIN inter y ON y.book_id = x.counterparty_book_id AND y.counterparty_book_id = x.book_id AND y.code <> x.code
       WHERE x.balance + COALESCE(y.balance, 0) <> 0
      UNION ALL
      SELECT y.counterparty_book_id, y.book_id, CASE y.code WHEN '1500' THEN '2200' ELSE '1500' END, '0', y.balance::text
        FROM inter y
       WHERE y.balance <> 0
         AND NOT EXISTS (SELECT 1 FROM inter x WHERE x.book_id = y.counterparty_book_id AND x.counterparty_book_id = y.book_id AND x.code <> y.code)
       ORDER BY 1, 2, 3`);
    return rows.map((r) => ({ bookId: r.book_id, counterpartyBookId: r.counterparty_book_id, accountCode: r.code, balance: BigInt(r.balance), mirror: BigInt(r.mirror) }));
  }

  async branchBookBalances(accountCode: string): Promise<{ bookId: string; branchId: string; balance: bigint }[]> {
    const rows: { book_id: string; branch_id: string; balance: string }[] = await this.tx.manager.query(
      `SELECT b.id AS book_id, b.branch_id, COALESCE(sum(CASE l.side WHEN 'DEBIT' THEN l.amount ELSE -l.amount END), 0)::text AS balance
         FROM books b
         JOIN accounts a ON a.book_id = b.id AND a.code = $1
         LEFT JOIN journal_lines l ON l.account_id = a.id
        WHERE b.kind = 'BRANCH'
        GROUP BY b.id, b.branch_id
        ORDER BY b.id`,
      [accountCode],
    );
    return rows.map((r) => ({ bookId: r.book_id, branchId: r.branch_id, balance: BigInt(r.balance) }));
  }
}
