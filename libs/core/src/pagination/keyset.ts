import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Page } from './connection.js';

export interface KeysetSort<T> {
  /** SQL expression, e.g. `m.family_name_kana`. The last key must be unique (the id). */
  expression: string;
  /** Reads the same value off a loaded row, for the next cursor. */
  value: (row: T) => string | number | null;
}

/**
 * Keyset pagination: `WHERE (k1, k2, id) > (:c1, :c2, :c3) ORDER BY k1, k2, id LIMIT first + 1`.
 * All keys ascending (or all descending); keys must be NOT NULL. Never OFFSET.
 */
export async function keysetPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  sort: KeysetSort<T>[],
  args: { first: number; after?: string | null },
  direction: 'ASC' | 'DESC' = 'ASC',
): Promise<Page<T>> {
  if (args.after) {
    const values = decodeCursor(args.after, sort.length);
    const params = Object.fromEntries(values.map((v, i) => [`__k${i}`, v]));
    const op = direction === 'ASC' ? '>' : '<';
    qb.andWhere(`(${sort.map((s) => s.expression).join(', ')}) ${op} (${values.map((_, i) => `:__k${i}`).join(', ')})`, params);
  }
  sort.forEach((s, i) => (i === 0 ? qb.orderBy(s.expression, direction) : qb.addOrderBy(s.expression, direction)));
  qb.limit(args.first + 1);
  const rows = await qb.getMany();
  const hasNextPage = rows.length > args.first;
  const pageRows = rows.slice(0, args.first);
  const edges = pageRows.map((node) => ({ node, cursor: encodeCursor(sort.map((s) => s.value(node))) }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}
