import { describe, expect, it } from '@jest/globals';
import { withDeferredWrites } from './deferred-writes.js';

const audit = { text: 'INSERT INTO a (x, y) SELECT $1, $2', values: ['x', 'y'] };
const outbox = { text: 'INSERT INTO o (j) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', values: [['j']] };

describe('withDeferredWrites', () => {
  it('puts the writes in front of a SELECT as CTEs, their parameters first and the statement’s renumbered after them', () => {
    const next = { text: 'SELECT id FROM h WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', values: [['h1']] };
    expect(withDeferredWrites([audit, outbox], next)).toEqual({
      text:
        'WITH rentai_deferred_1 AS (INSERT INTO a (x, y) SELECT $1, $2), rentai_deferred_2 AS (INSERT INTO o (j) SELECT unnest($3::text[]) ON CONFLICT DO NOTHING) ' +
        'SELECT id FROM h WHERE id = ANY($4::uuid[]) ORDER BY id FOR UPDATE',
      values: ['x', 'y', ['j'], ['h1']],
    });
  });

  it('joins a statement’s own WITH list (RECURSIVE kept first)', () => {
    expect(withDeferredWrites([audit], { text: '  with e AS (INSERT INTO e SELECT $1) SELECT 1', values: [1] })!.text).toBe(
      'WITH rentai_deferred_1 AS (INSERT INTO a (x, y) SELECT $1, $2), e AS (INSERT INTO e SELECT $3) SELECT 1',
    );
    expect(withDeferredWrites([audit], { text: 'WITH RECURSIVE t(n) AS (SELECT $1::int) SELECT n FROM t', values: [1] })!.text).toBe(
      'WITH RECURSIVE rentai_deferred_1 AS (INSERT INTO a (x, y) SELECT $1, $2), t(n) AS (SELECT $3::int) SELECT n FROM t',
    );
  });

  it('leaves a statement alone when nothing is deferred, and refuses one that cannot take a WITH', () => {
    const next = { text: 'SELECT $1', values: [1] };
    expect(withDeferredWrites([], next)).toBe(next);
    expect(withDeferredWrites([audit], { text: "SET LOCAL lock_timeout = '1s'", values: [] })).toBeNull();
  });
});
