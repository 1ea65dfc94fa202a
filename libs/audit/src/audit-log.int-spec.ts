import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { CoreModule, ENV, TransactionService } from '#core';
import { Actor, Role } from '#access';
import { AuditLog, AuditModule, type AuditRecord } from '#audit';
import { createTestDatabase, type TestDatabase } from '#testing';

describe('AuditLog.recordMany', () => {
  let database: TestDatabase;
  let moduleRef: TestingModule;
  let audit: AuditLog;
  let tx: TransactionService;
  let db: DataSource;
  const actor = new Actor(randomUUID(), 'importer@example.jp', [{ role: Role.FEDERATION_ADMIN, branchId: null }], null, 'ja', '取込 担当');

  beforeAll(async () => {
    database = await createTestDatabase();
    moduleRef = await Test.createTestingModule({ imports: [CoreModule.forRoot(), AuditModule] })
      .overrideProvider(ENV)
      .useValue({ ...process.env, NODE_ENV: 'test', DATABASE_URL: database.url })
      .compile();
    moduleRef.useLogger(['error']);
    await moduleRef.init();
    audit = moduleRef.get(AuditLog);
    tx = moduleRef.get(TransactionService);
    db = moduleRef.get(DataSource);
  });
  afterAll(async () => {
    await moduleRef?.close();
    await database?.drop();
  });

  const stored = (action: string) =>
    db.query(`SELECT actor_user_id, actor_email, actor_name, entity_type, entity_id, branch_id, before, after FROM audit_events WHERE action = $1 ORDER BY id`, [action]);

  it('keeps each of many records exactly as record() keeps it, in order, across several statements', async () => {
    const branchId = randomUUID();
    const make = (action: string, i: number): AuditRecord => ({
      action,
      entityType: 'Member',
      entityId: `m-${i}`,
      branchId: i % 2 === 0 ? branchId : null,
      before: i % 3 === 0 ? null : { email: `old${i}@example.jp`, phone: '03-1111-2222', amount: 10n },
      after: { email: `new${i}@example.jp`, phone: '03-1111-2222', amount: BigInt(i), name: 'O\'Brien "太郎"' },
    });
    const count = 2_345;
    await tx.run(async () => {
      for (let i = 0; i < 30; i++) await audit.record(actor, make('one.by.one', i));
      await audit.recordMany(actor, Array.from({ length: count }, (_, i) => make('many', i)));
    });
    const one = await stored('one.by.one');
    const many = await stored('many');
    expect(many).toHaveLength(count);
    expect(many.slice(0, 30)).toEqual(one);
    expect(many.map((e: { entity_id: string }) => e.entity_id)).toEqual(Array.from({ length: count }, (_, i) => `m-${i}`));
    expect(many[1]).toEqual({
      actor_user_id: actor.userId,
      actor_email: 'importer@example.jp',
      actor_name: '取込 担当',
      entity_type: 'Member',
      entity_id: 'm-1',
      branch_id: null,
      before: { email: 'old1@example.jp', amount: '10', name: null },
      after: { email: 'new1@example.jp', amount: '1', name: 'O\'Brien "太郎"' },
    });
  });

  it('writes nothing for an empty list, and nothing when the transaction rolls back', async () => {
    const before = await db.query(`SELECT count(*)::int AS n FROM audit_events`);
    await tx.run(() => audit.recordMany(actor, []));
    await expect(
      tx.run(async () => {
        await audit.recordMany(actor, [{ action: 'rolled.back', entityType: 'X', entityId: '1' }]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await db.query(`SELECT count(*)::int AS n FROM audit_events`)).toEqual(before);
  });
});
