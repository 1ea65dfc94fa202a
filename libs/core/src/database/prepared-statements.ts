import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import { TransactionService } from './transaction.service.js';
import { withDeferredWrites, type SqlStatement } from './deferred-writes.js';

/** Statement names by SQL text (a finite set: each hot query builds its text from a few fixed shapes). */
const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `rentai_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Named (prepared) statements for the hot queries: parsed and planned once per pool
 * connection, rows returned as plain objects (no TypeORM query building or entity hydration;
 * an UPDATE gives its RETURNING rows, not TypeORM's [rows, count]). Inside a transaction the
 * statement runs on the transaction's own connection (named there too), so it sees the
 * transaction's writes; errors are pg's own (pgCode reads both). Every statement is logged through the
 * DataSource's logger like TypeORM's own (statement counts in tests see them).
 */
@Injectable()
export class PreparedStatements {
  constructor(private readonly tx: TransactionService) {}

  async rows<R>(sql: string, params: readonly unknown[]): Promise<R[]> {
    const dataSource = this.tx.dataSource;
    if (this.tx.active) {
      // Writes deferred in this transaction (TransactionService.deferWrite) go in front of this statement.
      const { text, values } = await this.carrying({ text: sql, values: params });
      // The transaction's own connection, named too: parsed and planned once per connection (a payment's hot writes).
      const client = (this.tx.manager.queryRunner as unknown as { databaseConnection?: pg.PoolClient } | undefined)?.databaseConnection;
      if (!client) return this.tx.manager.query(text, [...values]);
      dataSource.logger.logQuery(text, [...values]);
      const result = await client.query<R & pg.QueryResultRow>({ name: statementName(text), text, values: [...values] });
      return result.rows;
    }
    const [text, values] = [sql, params];
    dataSource.logger.logQuery(text, [...values]);
    const pool = (dataSource.driver as unknown as { master: pg.Pool }).master;
    const result = await pool.query<R & pg.QueryResultRow>({ name: statementName(text), text, values: [...values] });
    return result.rows;
  }

  /**
   * The same, each row as an array of its column values in SELECT order (pg `rowMode: 'array'`: no
   * object per row with a property per column), mapped by `map`. For hot lists with a hand-written
   * mapper that knows the column order.
   */
  async arrays<R>(sql: string, params: readonly unknown[], map: (row: readonly unknown[]) => R): Promise<R[]> {
    const { text, values } = this.tx.active ? await this.carrying({ text: sql, values: params }) : { text: sql, values: params };
    if (this.tx.active) return ((await this.tx.manager.query(text, [...values])) as Record<string, unknown>[]).map((row) => map(Object.values(row)));
    const dataSource = this.tx.dataSource;
    dataSource.logger.logQuery(text, [...values]);
    const pool = (dataSource.driver as unknown as { master: pg.Pool }).master;
    const result = await pool.query<unknown[]>({ name: statementName(text), text, values: [...values], rowMode: 'array' });
    const rows = result.rows;
    const out = new Array<R>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = map(rows[i]);
    return out;
  }

  /** `next` with the transaction's deferred writes in front of it; those it cannot carry are sent first, on their own. */
  private async carrying(next: SqlStatement): Promise<SqlStatement> {
    const deferred = this.tx.takeDeferredWrites();
    if (deferred.length === 0) return next;
    const carried = withDeferredWrites(deferred, next);
    if (carried) return carried;
    await this.rows(withDeferredWrites(deferred, { text: 'SELECT 1', values: [] })!.text, deferred.flatMap((w) => w.values));
    return next;
  }
}
