import type { EntityMetadata, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { decodeCursor, encodeCursor, type CursorKind, type CursorValues } from './cursor.js';
import { LazyEdge, type Page } from './connection.js';

export interface KeysetSort<T> {
  /** SQL expression, e.g. `m.family_name_kana`. The last key must be unique (the id). */
  expression: string;
  /** Reads the same value off a loaded row, for the next cursor. */
  value: (row: T) => string | number | null;
  /**
   * What a cursor value for this key must be. Read from the entity's column when the
   * expression is `alias.column`; give it for any other expression.
   */
  kind?: CursorKind;
}

const COLUMN_KINDS: Record<string, CursorKind> = {
  uuid: 'uuid',
  text: 'text',
  varchar: 'text',
  'character varying': 'text',
  char: 'text',
  character: 'text',
  citext: 'text',
  string: 'text',
  int: 'int',
  integer: 'int',
  int4: 'int',
  smallint: 'int',
  int2: 'int',
  number: 'int',
  bigint: 'bigint',
  int8: 'bigint',
  date: 'date',
  timestamp: 'timestamp',
  timestamptz: 'timestamp',
  'timestamp with time zone': 'timestamp',
  'timestamp without time zone': 'timestamp',
};

function columnKind(column: ColumnMetadata): CursorKind | undefined {
  const type = typeof column.type === 'function' ? column.type.name : String(column.type);
  return COLUMN_KINDS[type.toLowerCase()];
}

/**
 * The kind of each sort key's cursor value: given, or read off the column `alias.column` names
 * in `metadataOf(alias)`. A key whose kind cannot be told is a programming error.
 */
export function cursorKinds<T>(sort: KeysetSort<T>[], metadataOf: (alias: string) => EntityMetadata | undefined): CursorKind[] {
  return sort.map((s) => {
    if (s.kind) return s.kind;
    const [, alias, name] = /^(\w+)\.(\w+)$/.exec(s.expression) ?? [];
    const column = alias ? metadataOf(alias)?.columns.find((c) => c.databaseName === name) : undefined;
    const kind = column && columnKind(column);
    if (!kind) throw new Error(`Keyset sort key ${s.expression}: its cursor kind cannot be read off an entity column; give \`kind\``);
    return kind;
  });
}

/** A client's `after` for these sort keys: each value checked against its column's type (BAD_USER_INPUT `after`). */
export function decodeKeysetCursor<T>(after: string, sort: KeysetSort<T>[], metadataOf: (alias: string) => EntityMetadata | undefined): CursorValues {
  return decodeCursor(after, cursorKinds(sort, metadataOf));
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
    const values = decodeKeysetCursor(args.after, sort, (alias) => {
      const found = qb.expressionMap.aliases.find((a) => a.name === alias);
      return found?.hasMetadata ? found.metadata : undefined;
    });
    const params = Object.fromEntries(values.map((v, i) => [`__k${i}`, v]));
    const op = direction === 'ASC' ? '>' : '<';
    qb.andWhere(`(${sort.map((s) => s.expression).join(', ')}) ${op} (${values.map((_, i) => `:__k${i}`).join(', ')})`, params);
  }
  sort.forEach((s, i) => (i === 0 ? qb.orderBy(s.expression, direction) : qb.addOrderBy(s.expression, direction)));
  qb.limit(args.first + 1);
  return pageOfRows(await qb.getMany(), args.first, sort);
}

/**
 * The page of `rows` read with LIMIT first + 1 (the extra row only says there is a next page); each
 * edge's cursor made of the sort keys when it is read (LazyEdge), the end cursor now.
 */
export function pageOfRows<T>(rows: T[], first: number, sort: KeysetSort<T>[]): Page<T> {
  const encode = (node: T) => encodeCursor(sort.map((s) => s.value(node)));
  const edges = rows.slice(0, first).map((node) => new LazyEdge(node, encode));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}
