import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { Clock, CoreModule, ENV, FixedClock, TransactionService } from '#core';
import { AuditModule } from '#audit';
import { AuthModule, SYSTEM_ACTOR } from '#auth';
import { countQueries, createBranch, createMemberWithInvoice, createPlan, createTestDatabase, lockWaiters, type TestDatabase } from '#testing';
import { DuesModule } from './dues.module.js';
import { InvoiceStatus } from './dues-enums.js';
import { InvoiceSettlement } from './invoice-settlement.service.js';
import { InvoiceVoiding } from './invoice-voiding.service.js';
import { MembershipStatus } from './membership-status.js';

/** A branch and a ¥12,000 fiscal-year plan; each membership is a new member who joined on 1 April, with its open invoice. */
async function seed(app: TestingModule) {
  const branch = await createBranch(app, { code: 'TKY', nameJa: '東京支部', nameEn: 'Tokyo' });
  const plan = await createPlan(app);
  const membership = async (branchId = branch.id) => {
    const joined = await createMemberWithInvoice(app, { branchId, planId: plan.id, joinedOn: '2026-04-01' });
    return { membershipId: joined.membership.id, memberId: joined.memberId, invoiceId: joined.invoice.id };
  };
  return { branch, membership };
}

describe('InvoiceSettlement (the API payments calls)', () => {
  let database: TestDatabase;
  let module: TestingModule;
  let settlement: InvoiceSettlement;
  let tx: TransactionService;
  let db: DataSource;
  let fixtures: Awaited<ReturnType<typeof seed>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    module = await Test.createTestingModule({ imports: [CoreModule.forRoot(), AuthModule, AuditModule, DuesModule] })
      .overrideProvider(ENV)
      .useValue({ ...process.env, DATABASE_URL: database.url })
      .overrideProvider(Clock)
      .useValue(new FixedClock(new Date('2026-06-01T03:00:00Z')))
      .compile();
    module.useLogger(['error']);
    await module.init();
    settlement = module.get(InvoiceSettlement);
    tx = module.get(TransactionService);
    db = module.get(DataSource);
    fixtures = await seed(module);
  }, 120_000);

  afterAll(async () => {
    await module?.close();
    await database?.drop();
  }, 120_000);

  const status = async (membershipId: string) => (await db.query(`SELECT status, paid_through::text FROM memberships WHERE id = $1`, [membershipId]))[0];

  it('a partial payment leaves the invoice PARTIALLY_PAID and the membership PENDING', async () => {
    const f = await fixtures.membership();
    const invoice = await tx.run(() => settlement.applyPayment(f.invoiceId, 5000n, '2026-05-20'));
    expect(invoice.status).toBe(InvoiceStatus.PARTIALLY_PAID);
    expect(settlement.outstanding(invoice)).toBe(7000n);
    expect(await status(f.membershipId)).toEqual({ status: 'PENDING', paid_through: null });
  });

  it('payment in full makes the invoice PAID and the membership ACTIVE for the period, with history', async () => {
    const f = await fixtures.membership();
    await tx.run(async () => {
      const [locked] = await settlement.lockOpenInvoices([f.invoiceId]);
      await settlement.applyPayment(locked.id, settlement.outstanding(locked), '2026-05-21');
    });
    const [row] = await db.query(`SELECT status, paid_amount, paid_on::text FROM dues_invoices WHERE id = $1`, [f.invoiceId]);
    expect(row).toEqual({ status: 'PAID', paid_amount: '12000', paid_on: '2026-05-21' });
    expect(await status(f.membershipId)).toEqual({ status: MembershipStatus.ACTIVE, paid_through: '2027-03-31' });
    const history = await db.query(
      `SELECT from_status, to_status, event, effective_on::text, invoice_id FROM membership_status_changes WHERE membership_id = $1 ORDER BY id`,
      [f.membershipId],
    );
    expect(history).toEqual([
      { from_status: null, to_status: 'PENDING', event: 'JOIN', effective_on: '2026-04-01', invoice_id: null },
      { from_status: 'PENDING', to_status: 'ACTIVE', event: 'PAID_IN_FULL', effective_on: '2026-05-21', invoice_id: f.invoiceId },
    ]);
  });

  it('refuses more than is outstanding and a second payment on a paid invoice, changing nothing', async () => {
    const f = await fixtures.membership();
    await expect(tx.run(() => settlement.applyPayment(f.invoiceId, 12001n, '2026-05-20'))).rejects.toMatchObject({ reason: 'PAYMENT_EXCEEDS_OUTSTANDING' });
    await tx.run(() => settlement.applyPayment(f.invoiceId, 12000n, '2026-05-20'));
    await expect(tx.run(() => settlement.applyPayment(f.invoiceId, 1n, '2026-05-20'))).rejects.toMatchObject({ code: 'CONFLICT', reason: 'INVOICE_ALREADY_PAID' });
    await expect(settlement.applyPayment(f.invoiceId, 0n, '2026-05-20')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const [row] = await db.query(`SELECT paid_amount FROM dues_invoices WHERE id = $1`, [f.invoiceId]);
    expect(row.paid_amount).toBe('12000');
  });

  it('lockOpenInvoices returns only unpaid invoices, in a stable order, and names an unknown id', async () => {
    const a = await fixtures.membership();
    const b = await fixtures.membership();
    const paid = await fixtures.membership();
    await tx.run(() => settlement.applyPayment(paid.invoiceId, 12000n, '2026-05-20'));
    const locked = await tx.run(() => settlement.lockOpenInvoices([b.invoiceId, paid.invoiceId, a.invoiceId]));
    expect(locked.map((i) => i.id)).toEqual([a.invoiceId, b.invoiceId].sort());
    const unknown = '00000000-0000-4000-8000-000000000000';
    await expect(tx.run(() => settlement.lockOpenInvoices([a.invoiceId, unknown]))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(settlement.lockOpenInvoices([a.invoiceId])).rejects.toThrow(/inside a transaction/);
  });

  it("lockForPayment locks the invoices in one statement and says, in the order given, what each owes or why this payer may not pay it", async () => {
    const f = await fixtures.membership();
    const other = await fixtures.membership();
    const paid = await fixtures.membership();
    const voided = await fixtures.membership();
    const osaka = await createBranch(module, { code: 'OSA', nameJa: '大阪支部', nameEn: 'Osaka' });
    const elsewhere = await fixtures.membership(osaka.id);
    await tx.run(() => settlement.applyPayment(f.invoiceId, 5000n, '2026-05-20'));
    await tx.run(() => settlement.applyPayment(paid.invoiceId, 12000n, '2026-05-20'));
    await module.get(InvoiceVoiding).voidInvoice(SYSTEM_ACTOR, { invoiceId: voided.invoiceId, reason: 'test' });
    const unknown = '00000000-0000-4000-8000-000000000000';
    const payer = { memberId: f.memberId, currency: 'JPY' };

    const counter = countQueries(db);
    const judged = await tx.run(() => settlement.lockForPayment(payer, [f.invoiceId, other.invoiceId, unknown]));
    counter.stop();
    expect(counter.work.filter((s) => /dues_invoices/.test(s))).toEqual([expect.stringMatching(/FOR UPDATE$/)]);
    expect(judged.branchId).toBe(fixtures.branch.id);
    expect(judged.invoices.map((v) => [v.invoiceId, v.refusal, v.outstanding])).toEqual([
      [f.invoiceId, null, 7000n],
      [other.invoiceId, 'ANOTHER_MEMBER', 0n],
      [unknown, 'NOT_FOUND', 0n],
    ]);
    expect(judged.invoices[0].invoice).toMatchObject({ amount: 12000n, paidAmount: 5000n, federationShare: expect.any(BigInt), branchId: fixtures.branch.id });

    const verdict = async (p: { memberId: string; currency?: string; branchId?: string; acceptPaid?: boolean }, invoiceId: string) =>
      (await tx.run(() => settlement.lockForPayment(p, [invoiceId]))).invoices.map((v) => [v.refusal, v.outstanding]);
    expect(await verdict({ memberId: voided.memberId, currency: 'JPY' }, voided.invoiceId)).toEqual([['VOID', 0n]]);
    expect(await verdict({ memberId: paid.memberId, currency: 'JPY' }, paid.invoiceId)).toEqual([['ALREADY_PAID', 0n]]);
    // A payer keeping the excess as member credit may name a paid invoice: it owes nothing.
    expect(await verdict({ memberId: paid.memberId, currency: 'JPY', acceptPaid: true }, paid.invoiceId)).toEqual([[null, 0n]]);
    expect(await verdict({ ...payer, currency: 'USD' }, f.invoiceId)).toEqual([['ANOTHER_CURRENCY', 0n]]);
    // The branch whose book takes the money, when given: that branch's invoices only (the Osaka one is owed, the Tokyo one refused).
    expect(await verdict({ memberId: elsewhere.memberId, currency: 'JPY', branchId: fixtures.branch.id }, elsewhere.invoiceId)).toEqual([['ANOTHER_BRANCH', 0n]]);
    expect(await verdict({ memberId: elsewhere.memberId, branchId: osaka.id }, elsewhere.invoiceId)).toEqual([[null, 12000n]]);
    await expect(settlement.lockForPayment(payer, [f.invoiceId])).rejects.toThrow(/inside a transaction/);
  });

  it('the lock holds: a second payer waits for the first and then sees its payment', async () => {
    const f = await fixtures.membership();
    let release!: () => void;
    let paid!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const firstPaid = new Promise<void>((r) => (paid = r));
    const first = tx.run(async () => {
      await settlement.lockOpenInvoices([f.invoiceId]);
      await settlement.applyPayment(f.invoiceId, 12000n, '2026-05-20');
      paid();
      await held;
    });
    await firstPaid;
    const second = tx.run(() => settlement.lockOpenInvoices([f.invoiceId]));
    // The second payer is seen blocked on the first one's row lock while the first is still open.
    expect(await lockWaiters(db)).toBe(1);
    release();
    await first;
    expect(await second).toEqual([]);
  });

  it('unapplying a voided payment reopens the invoice and takes the membership back to PENDING', async () => {
    const f = await fixtures.membership();
    await tx.run(() => settlement.applyPayment(f.invoiceId, 12000n, '2026-05-20'));
    const invoice = await tx.run(() => settlement.unapplyPayment(f.invoiceId, 12000n));
    expect(invoice.status).toBe(InvoiceStatus.OPEN);
    expect(await status(f.membershipId)).toEqual({ status: 'PENDING', paid_through: null });
    const events = await db.query(`SELECT to_status, event FROM membership_status_changes WHERE membership_id = $1 ORDER BY id`, [f.membershipId]);
    expect(events).toEqual([
      { to_status: 'PENDING', event: 'JOIN' },
      { to_status: 'ACTIVE', event: 'PAID_IN_FULL' },
      { to_status: 'PENDING', event: 'PAYMENT_REVERSED' },
    ]);
    await expect(tx.run(() => settlement.unapplyPayment(f.invoiceId, 1n))).rejects.toMatchObject({ reason: 'UNAPPLY_EXCEEDS_PAID' });
  });

  it('publishes invoice.paid when an invoice becomes paid in full (not on a part payment), and invoice.unpaid when a paid one is reopened', async () => {
    const f = await fixtures.membership();
    const events = async () =>
      (await db.query(`SELECT payload->>'event' AS event, payload->'payload' AS payload FROM outbox WHERE job_name = 'domain-event.deliver' AND payload->'payload'->>'invoiceId' = $1 ORDER BY id`, [f.invoiceId])) as {
        event: string;
        payload: Record<string, string>;
      }[];
    await tx.run(() => settlement.applyPayment(f.invoiceId, 5000n, '2026-05-20'));
    expect(await events()).toEqual([]);
    await tx.run(() => settlement.applyPayment(f.invoiceId, 7000n, '2026-05-21'));
    const [paid] = await events();
    expect(paid).toEqual({ event: 'invoice.paid', payload: { invoiceId: f.invoiceId, memberId: f.memberId, branchId: expect.any(String), paidOn: '2026-05-21' } });
    await tx.run(() => settlement.unapplyPayment(f.invoiceId, 7000n));
    expect((await events()).map((e) => e.event)).toEqual(['invoice.paid', 'invoice.unpaid']);
    await tx.run(() => settlement.unapplyPayment(f.invoiceId, 5000n));
    expect((await events()).map((e) => e.event)).toEqual(['invoice.paid', 'invoice.unpaid']);
  });

  it('finds a member’s unpaid invoices', async () => {
    const f = await fixtures.membership();
    const unpaid = await settlement.unpaidInvoicesForMember(f.memberId);
    expect(unpaid.map((i) => i.id)).toEqual([f.invoiceId]);
    expect(unpaid[0].amount).toBe(12000n);
  });
});
