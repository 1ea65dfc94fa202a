import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import pg from 'pg';
import { connectTestDatabase, type TestDatabaseClient } from '#testing';
import { allocate, federationShareSql, type AllocationRule } from './allocation.js';

/** The fiscal-year issuance splits invoices in SQL: it must split them exactly as allocate() does. */
describe('allocation in SQL', () => {
  let sql: TestDatabaseClient;
  let client: pg.Client;

  beforeAll(async () => {
    sql = await connectTestDatabase();
    client = sql.client;
  }, 120_000);
  afterAll(() => sql?.close(), 120_000);

  it('gives the same federation share as allocate() for any plan', async () => {
    const plan = fc
      .bigInt({ min: 1n, max: 10n ** 12n })
      .chain((amount) =>
        fc.tuple(
          fc.constant(amount),
          fc.oneof(
            fc.bigInt({ min: 0n, max: 10_000n }).map((value): AllocationRule => ({ kind: 'BASIS_POINTS', value })),
            fc.bigInt({ min: 0n, max: amount }).map((value): AllocationRule => ({ kind: 'FIXED', value })),
          ),
        ),
      );
    const samples = fc.sample(plan, { numRuns: 500, seed: 20270401 });
    const { rows } = await client.query<{ i: number; share: string }>(
      `SELECT p.i, ${federationShareSql('p')}::text AS share
         FROM unnest($1::int[], $2::bigint[], $3::text[], $4::bigint[]) AS p(i, amount, federation_share_kind, federation_share_value)`,
      [samples.map((_, i) => i), samples.map(([a]) => a.toString()), samples.map(([, r]) => r.kind), samples.map(([, r]) => r.value.toString())],
    );
    for (const row of rows) {
      const [amount, rule] = samples[row.i];
      expect(BigInt(row.share)).toBe(allocate(amount, rule).federation);
    }
    expect(rows).toHaveLength(samples.length);
  });
});
