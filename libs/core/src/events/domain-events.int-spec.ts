import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Injectable, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { CoreModule, DomainEvents, ENV, OnDomainEvent, TransactionService, type DomainEventPayloads } from '#core';
import { createTestDatabase, type TestDatabase } from '#testing';
import { DomainEventDeliveryProcessor } from './domain-event-delivery.processor.js';

type Paid = DomainEventPayloads['invoice.paid'];

/** Listeners as a library would write them: they change the database in the transaction they are given. */
@Injectable()
class Listeners {
  failNextReceipt = false;
  constructor(private readonly tx: TransactionService) {}

  @OnDomainEvent('invoice.paid', 'in-transaction')
  async markPaid(p: Paid): Promise<void> {
    if (p.paidOn === '1999-01-01') throw new Error('refused by an in-transaction rule');
    await this.tx.manager.query(`INSERT INTO scratch_in_tx (invoice_id) VALUES ($1)`, [p.invoiceId]);
  }

  @OnDomainEvent('invoice.paid', 'after-commit')
  async issueReceipt(p: Paid): Promise<void> {
    await this.tx.manager.query(`INSERT INTO scratch_receipts (invoice_id) VALUES ($1)`, [p.invoiceId]);
    if (this.failNextReceipt) {
      this.failNextReceipt = false;
      throw new Error('printer on fire');
    }
  }

  @OnDomainEvent('invoice.paid', 'after-commit')
  async sendEmail(p: Paid): Promise<void> {
    await this.tx.manager.query(`INSERT INTO scratch_emails (invoice_id) VALUES ($1)`, [p.invoiceId]);
  }
}

@Module({ providers: [Listeners, DomainEventDeliveryProcessor] })
class ListenersModule {}

describe('domain events (in-transaction and after-commit listeners)', () => {
  let database: TestDatabase;
  let moduleRef: TestingModule;
  let db: DataSource;
  let tx: TransactionService;
  let events: DomainEvents;
  let delivery: DomainEventDeliveryProcessor;
  const paid = (invoiceId: string, paidOn = '2026-06-15'): Paid => ({ invoiceId, memberId: 'm', branchId: 'b', paidOn });
  const count = async (table: string, invoiceId: string) => (await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE invoice_id = $1`, [invoiceId]))[0].n;
  const outboxRow = async (key: string) => (await db.query(`SELECT job_name, payload FROM outbox WHERE job_id = $1`, [`event.${key}`]))[0];

  beforeAll(async () => {
    database = await createTestDatabase();
    moduleRef = await Test.createTestingModule({ imports: [CoreModule.forRoot(), ListenersModule] })
      .overrideProvider(ENV)
      .useValue({ ...process.env, NODE_ENV: 'test', DATABASE_URL: database.url, QUEUE_PREFIX: 'test-events' })
      .compile();
    moduleRef.useLogger(['error']);
    await moduleRef.init();
    db = moduleRef.get(DataSource);
    tx = moduleRef.get(TransactionService);
    events = moduleRef.get(DomainEvents);
    delivery = moduleRef.get(DomainEventDeliveryProcessor);
    for (const table of ['scratch_in_tx', 'scratch_receipts', 'scratch_emails']) await db.query(`CREATE TABLE ${table} (invoice_id text NOT NULL)`);
  });
  afterAll(async () => {
    await moduleRef?.close();
    await database?.drop();
  });

  it('in-transaction listeners run inside the publisher’s transaction: a rollback takes their work with it', async () => {
    await expect(
      tx.run(async () => {
        await events.publish('invoice.paid', paid('inv-rollback'), 'invoice-paid.inv-rollback');
        throw new Error('the publisher’s change fails');
      }),
    ).rejects.toThrow('the publisher’s change fails');
    expect(await count('scratch_in_tx', 'inv-rollback')).toBe(0);
    expect(await outboxRow('invoice-paid.inv-rollback')).toBeUndefined();
  });

  it('an in-transaction listener that refuses rolls the publisher’s change back', async () => {
    await expect(
      tx.run(async (m) => {
        await m.query(`INSERT INTO scratch_emails (invoice_id) VALUES ('publisher-change')`);
        await events.publish('invoice.paid', paid('inv-refused', '1999-01-01'), 'invoice-paid.inv-refused');
      }),
    ).rejects.toThrow('refused by an in-transaction rule');
    expect(await count('scratch_emails', 'publisher-change')).toBe(0);
  });

  it('one outbox row per occurrence carries the event to the worker; the same key twice is one row', async () => {
    await tx.run(async () => {
      await events.publish('invoice.paid', paid('inv-1'), 'invoice-paid.inv-1');
      await events.publish('invoice.paid', paid('inv-1'), 'invoice-paid.inv-1');
    });
    expect(await count('scratch_in_tx', 'inv-1')).toBe(2);
    expect(await outboxRow('invoice-paid.inv-1')).toEqual({ job_name: 'domain-event.deliver', payload: { event: 'invoice.paid', key: 'invoice-paid.inv-1', payload: paid('inv-1') } });
    expect((await db.query(`SELECT count(*)::int AS n FROM outbox WHERE job_id = 'event.invoice-paid.inv-1'`))[0].n).toBe(1);
  });

  it('after-commit listeners run once per occurrence, however often the job is delivered', async () => {
    const job = { event: 'invoice.paid', key: 'invoice-paid.inv-2', payload: paid('inv-2') };
    expect((await delivery.deliver(job)).ran.sort()).toEqual(['Listeners.issueReceipt', 'Listeners.sendEmail']);
    expect((await delivery.deliver(job)).ran).toEqual([]);
    await Promise.all([delivery.deliver(job), delivery.deliver(job)]);
    expect([await count('scratch_receipts', 'inv-2'), await count('scratch_emails', 'inv-2')]).toEqual([1, 1]);
  });

  it('a failing listener fails the job without undoing the others; the retry runs only the one that failed, and its half-done work was rolled back', async () => {
    const job = { event: 'invoice.paid', key: 'invoice-paid.inv-3', payload: paid('inv-3') };
    moduleRef.get(Listeners).failNextReceipt = true;
    await expect(delivery.deliver(job)).rejects.toThrow('printer on fire');
    expect([await count('scratch_receipts', 'inv-3'), await count('scratch_emails', 'inv-3')]).toEqual([0, 1]);
    expect((await delivery.deliver(job)).ran).toEqual(['Listeners.issueReceipt']);
    expect([await count('scratch_receipts', 'inv-3'), await count('scratch_emails', 'inv-3')]).toEqual([1, 1]);
  });

  it('publishing outside a transaction is refused (its listeners could not hold together with the change)', async () => {
    await expect(events.publish('invoice.paid', paid('inv-4'), 'invoice-paid.inv-4')).rejects.toThrow('outside a transaction');
  });
});
