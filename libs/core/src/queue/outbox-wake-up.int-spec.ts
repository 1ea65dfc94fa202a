import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import pg from 'pg';
import { CoreModule, ENV, OUTBOX_CHANNEL, OutboxService, TransactionService } from '#core';
import { createTestDatabase, eventually, type TestDatabase } from '#testing';

describe('OutboxService.enqueue wakes the relay after the commit, never from inside the transaction', () => {
  let database: TestDatabase;
  let moduleRef: TestingModule;
  let listener: pg.Client;
  const heard: number[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    moduleRef = await Test.createTestingModule({ imports: [CoreModule.forRoot()] })
      .overrideProvider(ENV)
      .useValue({ ...process.env, NODE_ENV: 'test', DATABASE_URL: database.url })
      .compile();
    moduleRef.useLogger(['error']);
    await moduleRef.init();
    listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    listener.on('notification', () => heard.push(Date.now()));
  });
  afterAll(async () => {
    await listener.end();
    await moduleRef.close();
    await database.drop();
  });

  it('the NOTIFY comes after COMMIT (the row is visible when the relay hears it); a rollback sends none', async () => {
    const tx = moduleRef.get(TransactionService);
    const outbox = moduleRef.get(OutboxService);
    let visibleWhenHeard: boolean | null = null;
    listener.once('notification', () => {
      void moduleRef.get(TransactionService).manager.query(`SELECT count(*)::int AS n FROM outbox WHERE job_id = 'email-wake-1'`).then(([r]) => (visibleWhenHeard = r.n === 1));
    });
    await tx.run(async () => {
      await outbox.enqueue('email.send', { emailId: '00000000-0000-0000-0000-000000000001' }, 'email-wake-1');
      // Inside the transaction nothing has been sent yet.
      await new Promise((r) => setTimeout(r, 200));
      expect(heard).toHaveLength(0);
    });
    await eventually(async () => visibleWhenHeard !== null);
    expect(visibleWhenHeard).toBe(true);

    const before = heard.length;
    await expect(
      tx.run(async () => {
        await outbox.enqueue('email.send', { emailId: '00000000-0000-0000-0000-000000000002' }, 'email-wake-2');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await new Promise((r) => setTimeout(r, 300));
    expect(heard.length).toBe(before);
  });

  it('many enqueues at once share few NOTIFYs (coalesced), at least one', async () => {
    const tx = moduleRef.get(TransactionService);
    const outbox = moduleRef.get(OutboxService);
    const before = heard.length;
    await Promise.all(Array.from({ length: 40 }, (_, i) => tx.run(() => outbox.enqueue('email.send', { emailId: '00000000-0000-0000-0000-000000000003' }, `email-many-${i}`))));
    await new Promise((r) => setTimeout(r, 500));
    const sent = heard.length - before;
    expect(sent).toBeGreaterThanOrEqual(1);
    expect(sent).toBeLessThan(40);
  });
});
