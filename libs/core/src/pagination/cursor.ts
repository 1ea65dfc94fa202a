import { AppError } from '../errors/app-error.js';

/** Opaque cursors: base64url of the sort key values of the last row seen. */
export type CursorValues = (string | number | null)[];

export function encodeCursor(values: CursorValues): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, expectedLength: number): CursorValues {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === expectedLength) return values as CursorValues;
  } catch {
    // fall through
  }
  throw AppError.badInput('after', { en: 'after is not a cursor from this list', ja: 'after はこの一覧のカーソルではありません' });
}
