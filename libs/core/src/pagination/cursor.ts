import type { AppError } from '../errors/app-error.js';
import { CORE_REASONS } from '../errors/core.errors.js';

/** Opaque cursors: base64url of the sort key values of the last row seen. */
export type CursorValues = (string | number | null)[];

/**
 * The PostgreSQL type a cursor value is compared with. A cursor comes from the client: each
 * value is checked against its key's kind before it reaches SQL, so a hand-made cursor is
 * BAD_USER_INPUT naming `after`, never a failed query.
 */
export type CursorKind = 'text' | 'uuid' | 'int' | 'bigint' | 'date' | 'timestamp';

export function encodeCursor(values: CursorValues): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;
const INT4 = 2 ** 31;
const INT8 = 2n ** 63n;

function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The value as SQL may take it for `kind`, or undefined when it is not one. */
function checked(value: unknown, kind: CursorKind): string | number | undefined {
  switch (kind) {
    case 'text':
      // PostgreSQL text holds no NUL; the length is bounded by the cursor's own limit.
      return typeof value === 'string' && !value.includes('\u0000') ? value : undefined;
    case 'uuid':
      return typeof value === 'string' && UUID.test(value) ? value : undefined;
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) && value >= -INT4 && value < INT4 ? value : undefined;
    case 'bigint': {
      const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
      if (typeof text !== 'string' || !/^-?\d{1,19}$/.test(text)) return undefined;
      const n = BigInt(text);
      return n >= -INT8 && n < INT8 ? text : undefined;
    }
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? value : undefined;
    case 'timestamp':
      return typeof value === 'string' && TIMESTAMP.test(value) && isCalendarDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value)) ? value : undefined;
  }
}

/** The values of a cursor this list made, each checked against its key's kind, or BAD_USER_INPUT naming `after`. */
export function decodeCursor(cursor: string, kinds: readonly CursorKind[]): CursorValues {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(values) || values.length !== kinds.length) throw badCursor();
  return values.map((value, i) => {
    const ok = checked(value, kinds[i]);
    if (ok === undefined) throw badCursor();
    return ok;
  });
}

function badCursor(): AppError {
  return CORE_REASONS.CURSOR_NOT_VALID.at('after');
}
