import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { connectTestDatabase, type TestDatabaseClient } from '#testing';
import { addDays } from '#dues';
import { reminderDue, reminderDueSql } from './reminder-schedule.js';

/** The reminder run decides in SQL which reminder is due: it must decide exactly as reminderDue() does. */
describe('reminderDue in SQL', () => {
  let sql: TestDatabaseClient;
  let client: pg.Client;

  beforeAll(async () => {
    sql = await connectTestDatabase();
    client = sql.client;
  }, 120_000);
  afterAll(() => sql?.close(), 120_000);

  it('gives the same kind (or none) as reminderDue() for every day around a period end, with and without grace', async () => {
    const cases: { endsOn: string; graceEnd: string; today: string }[] = [];
    for (const endsOn of ['2027-03-31', '2028-02-28', '2026-12-31']) {
      for (const graceDays of [0, 1, 3, 6, 7, 8, 14, 30, 60]) {
        for (let offset = -35; offset <= 70; offset++) cases.push({ endsOn, graceEnd: addDays(endsOn, graceDays), today: addDays(endsOn, offset) });
      }
    }
    const { rows } = await client.query<{ i: number; kind: string | null }>(
      `SELECT c.i, ${reminderDueSql('c.ends_on', 'c.grace_end', 'c.today')} AS kind
         FROM unnest($1::int[], $2::date[], $3::date[], $4::date[]) AS c(i, ends_on, grace_end, today) ORDER BY c.i`,
      [cases.map((_, i) => i), cases.map((c) => c.endsOn), cases.map((c) => c.graceEnd), cases.map((c) => c.today)],
    );
    expect(rows).toHaveLength(cases.length);
    const kinds = new Set(rows.map((r) => r.kind));
    // Every answer occurs in the grid, so none of the branches goes untested.
    expect([...kinds].sort()).toEqual(['DAYS_30', 'DAYS_7', 'DAY_OF', 'GRACE_ENDING', null].sort());
    expect(rows.map((r) => r.kind)).toEqual(cases.map((c) => reminderDue({ endsOn: c.endsOn, graceEnd: c.graceEnd }, c.today)));
  });
});
