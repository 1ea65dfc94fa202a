import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { CoreModule, ENV, OutboxService, PreparedStatements, TransactionService } from '#core';
import { createTestDatabase, countQueries, type TestDatabase } from '#testing';

/** TransactionService.deferWrite against real PostgreSQL: the write rides with the next prepared statement, or goes alone before the commit. */
describe('deferred writes (outbox rows sent with the next statement)', () => {
  let database: TestDatabase;
  let moduleRef: TestingModule;
  let db: DataSource;
  let tx: TransactionService;
  let outbox: OutboxService;
  let statements: PreparedStatements;
  const job = (id: string) => ({ payload: { event: 'invoice.paid', key: id, payload: {} }, jobId: `event.${id}` }) as never;
  const stored = async (id: string) => (await db.query(`SELECT count(*)::int AS n FROM outbox WHERE job_id = $1`, [`event.${id}`]))[0].n;

  beforeAll(async () => {
    database = await createTestDatabase();
    moduleRef = await Test.createTestingModule({ imports: [CoreModule.forRoot()] })
      .overrideProvider(ENV)
      .useValue({ ...process.env, NODE_ENV: 'test', DATABASE_URL: database.url, QUEUE_PREFIX: 'test-deferred' })
      .compile();
    moduleRef.useLogger(['error']);
    await moduleRef.init();
    db = moduleRef.get(DataSource);
    tx = moduleRef.get(TransactionService);
    outbox = moduleRef.get(OutboxService);
    statements = moduleRef.get(PreparedStatements);
    await db.query(`CREATE TABLE scratch_heads (id int PRIMARY KEY, v int NOT NULL)`);
    await db.query(`INSERT INTO scratch_heads VALUES (1, 1)`);
  });
  afterAll(async () => {
    await moduleRef?.close();
    await database?.drop();
  });

  it('a deferred INSERT goes in front of the next prepared statement: one statement, both done, the statement’s own result returned', async () => {
    const counter = countQueries(db);
    const rows = await tx.run(async () => {
      await outbox.enqueueMany('domain-event.deliver', [job('carried')], { deferred: true });
      return statements.rows<{ v: number }>(`SELECT v FROM scratch_heads WHERE id = $1 FOR UPDATE`, [1]);
    });
    counter.stop();
    expect(rows).toEqual([{ v: 1 }]);
    expect(await stored('carried')).toBe(1);
    expect(counter.work.filter((s) => /INSERT INTO outbox/.test(s))).toEqual([expect.stringMatching(/^WITH rentai_deferred_1 AS \(INSERT INTO outbox .* SELECT v FROM scratch_heads/s)]);
  });

  it('with no statement after it, it is sent alone before the commit; a rollback takes it with it', async () => {
    await tx.run(async () => {
      await outbox.enqueueMany('domain-event.deliver', [job('alone')], { deferred: true });
    });
    expect(await stored('alone')).toBe(1);

    await expect(
      tx.run(async () => {
        await outbox.enqueueMany('domain-event.deliver', [job('rolled-back')], { deferred: true });
        await statements.rows(`SELECT 1`, []);
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    expect(await stored('rolled-back')).toBe(0);
  });

  it('outside a transaction it is written at once', async () => {
    await outbox.enqueueMany('domain-event.deliver', [job('no-transaction')], { deferred: true });
    expect(await stored('no-transaction')).toBe(1);
  });
});
