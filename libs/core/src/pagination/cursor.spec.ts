import { describe, expect, it } from '@jest/globals';
import { AppError } from '../errors/app-error.js';
import { decodeCursor, encodeCursor, type CursorKind } from './cursor.js';

const raw = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('accepted');
};

describe('keyset cursors', () => {
  it('round-trips the values of each kind this list made', () => {
    const values = ['ヤマダ', '5f0c6c1e-8b0a-4c57-9d5e-2b1f3a4c5d6e', 12, '9007199254740993', '2026-04-01', '2026-04-01T09:30:00.123Z'];
    const kinds: CursorKind[] = ['text', 'uuid', 'int', 'bigint', 'date', 'timestamp'];
    expect(decodeCursor(encodeCursor(values), kinds)).toEqual(values);
    expect(decodeCursor(raw([42]), ['bigint'])).toEqual(['42']);
  });

  it.each<[string, unknown, CursorKind]>([
    ['an object for text', { a: 1 }, 'text'],
    ['a NUL in text', 'a\u0000b', 'text'],
    ['a number for a uuid', 1, 'uuid'],
    ['a word for a uuid', 'not-a-uuid', 'uuid'],
    ['a fraction for an int', 1.5, 'int'],
    ['an int out of range', 2 ** 31, 'int'],
    ['a string for an int', '12', 'int'],
    ['a bigint out of range', '9223372036854775808', 'bigint'],
    ['digits and letters for a bigint', '12a', 'bigint'],
    ['null', null, 'date'],
    ['a date that does not exist', '2026-02-30', 'date'],
    ['a date in another format', '2026/04/01', 'date'],
    ['a timestamp without a zone', '2026-04-01T09:30:00', 'timestamp'],
    ['true for a timestamp', true, 'timestamp'],
  ])('refuses %s as BAD_USER_INPUT naming after', (_, value, kind) => {
    const error = refusal(() => decodeCursor(raw([value]), [kind]));
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.fields.map((f) => f.field)).toEqual(['after']);
  });

  it('refuses what is not base64 JSON, not a list, or of another length', () => {
    for (const cursor of ['%%%', Buffer.from('{"a":1}').toString('base64url'), raw(['a', 'b']), raw('x')]) {
      expect(refusal(() => decodeCursor(cursor, ['text'])).code).toBe('BAD_USER_INPUT');
    }
  });
});
