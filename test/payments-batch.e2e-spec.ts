import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Money } from '#core';
import { SYSTEM_ACTOR } from '#auth';
import { FiscalYearIssuance, MembershipEnrollment, MembershipStandingScan, MembershipStatus } from '#dues';
import { PaymentMethod, PaymentRecording } from '#payments';
import { createPerson } from '#testing';
import { NOW, PaymentsWorld, RECORD, TODAY } from './support/payments-world.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { gql } from './support/gql.js';

const CREATE_PLAN = gql(`mutation PaymentsBatchCreatePlan($input: CreateDuesPlanInput!) { createDuesPlan(input: $input) { id } }`);

/**
 * The set-based paths the demo federation is seeded through (and imports of history may use):
 * PaymentRecording.recordMany writes what PaymentRecording.record writes, MembershipEnrollment carries
 * memberships over, MembershipStandingScan moves standings, FiscalYearIssuance takes a past issue date.
 */
describe('set-based paths: batch payments, enrolment, the standing scan', () => {
  let t: TestApp;
  let w: PaymentsWorld;
  let branch: Awaited<ReturnType<PaymentsWorld['branch']>>;

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW });
    w = await PaymentsWorld.create(t);
    branch = await w.branch();
  });
  afterAll(() => checkThenClose(t, ledgerBalances));

  const batch = () => ({
    recordMany: async (actor: typeof SYSTEM_ACTOR, commands: Parameters<PaymentRecording['recordMany']>[1]) => (await t.app.get(PaymentRecording).recordMany(actor, commands)).map((r) => r.payment.id),
  });
  const entryLines = async (paymentId: string) =>
    t.db.query(
      `SELECT a.code, l.side, l.amount::int AS amount FROM payments p JOIN journal_lines l ON l.entry_id = p.journal_entry_id
         JOIN accounts a ON a.id = l.account_id WHERE p.id = $1 ORDER BY l.line_no`,
      [paymentId],
    );
  const paymentRow = async (id: string) =>
    (await t.db.query(`SELECT method, amount::int, fee::int, received_on::text, posted_on::text, status, branch_id, book_id FROM payments WHERE id = $1`, [id]))[0];

  it('a batch payment leaves the same invoice, membership, journal entry and audit as a treasurer’s recordPayment', async () => {
    const single = await w.memberWithInvoice(branch.id);
    const batched = await w.memberWithInvoice(branch.id);
    const res = await t.gql(RECORD, { input: { memberId: single.memberId, method: 'BANK_TRANSFER', amount: { amount: 12000 }, receivedOn: TODAY, allocations: [{ invoiceId: single.invoiceId }] } }, { token: branch.treasurer });
    expect(res.errors).toBeUndefined();
    const [id] = await batch().recordMany(SYSTEM_ACTOR, [
      { memberId: batched.memberId, method: PaymentMethod.BANK_TRANSFER, amount: Money.of(12000n, 'JPY'), receivedOn: TODAY, allocations: [{ invoiceId: batched.invoiceId }], idempotencyKey: 'batch-1' },
    ]);
    expect(await w.invoice(batched.invoiceId)).toEqual(await w.invoice(single.invoiceId));
    expect(await w.invoice(batched.invoiceId)).toMatchObject({ status: 'PAID', outstanding: 0 });
    expect(await w.membershipStatus(batched.membershipId)).toBe(await w.membershipStatus(single.membershipId));
    expect(await w.membershipStatus(batched.membershipId)).toBe('ACTIVE');
    expect(await entryLines(id)).toEqual(await entryLines(res.data!.recordPayment.id));
    expect(await paymentRow(id)).toEqual(await paymentRow(res.data!.recordPayment.id));
    const [history] = await t.db.query(`SELECT event, from_status, to_status FROM membership_status_changes WHERE membership_id = $1 ORDER BY id DESC LIMIT 1`, [batched.membershipId]);
    expect(history).toEqual({ event: 'PAID_IN_FULL', from_status: 'PENDING', to_status: 'ACTIVE' });
    const [audit] = await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'payment.record' AND entity_id = $1`, [id]);
    expect(audit.n).toBe(1);
  });

  it('a part payment leaves the invoice PARTIALLY_PAID and the membership as it was', async () => {
    const m = await w.memberWithInvoice(branch.id);
    await batch().recordMany(SYSTEM_ACTOR, [{ memberId: m.memberId, method: PaymentMethod.CASH, amount: Money.of(5000n, 'JPY'), receivedOn: TODAY, allocations: [{ invoiceId: m.invoiceId }], idempotencyKey: 'batch-part' }]);
    expect(await w.invoice(m.invoiceId)).toEqual({ status: 'PARTIALLY_PAID', paid: 5000, outstanding: 7000 });
    expect(await w.membershipStatus(m.membershipId)).toBe('PENDING');
  });

  it('refuses a batch with another member’s invoice, a paid invoice or too much, naming the row, and writes nothing', async () => {
    const a = await w.memberWithInvoice(branch.id);
    const b = await w.memberWithInvoice(branch.id);
    const before = await w.counts();
    const ok = { memberId: a.memberId, method: PaymentMethod.CASH, amount: Money.of(1000n, 'JPY'), receivedOn: TODAY, allocations: [{ invoiceId: a.invoiceId }], idempotencyKey: 'batch-ok' };
    await expect(batch().recordMany(SYSTEM_ACTOR, [ok, { ...ok, memberId: b.memberId, idempotencyKey: 'batch-x' }])).rejects.toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'items.1.allocations.0.invoiceId' }] });
    await expect(batch().recordMany(SYSTEM_ACTOR, [ok, { ...ok, allocations: [{ invoiceId: b.invoiceId }], memberId: b.memberId, amount: Money.of(99_000n, 'JPY'), idempotencyKey: 'batch-y' }])).rejects.toMatchObject({
      reason: 'OVERPAYMENT_NOT_ALLOWED',
    });
    await expect(batch().recordMany(SYSTEM_ACTOR, [{ ...ok, receivedOn: '2099-01-01' }])).rejects.toMatchObject({ reason: 'DATE_IN_FUTURE', fields: [{ field: 'items.0.receivedOn' }] });
    expect(await w.counts()).toEqual(before);
    expect(await w.invoice(a.invoiceId)).toMatchObject({ status: 'OPEN', paid: 0 });
  });

  it('enrols carried-over memberships, and the scan moves the unpaid into grace, then lapses them, once', async () => {
    const person = await createPerson(t.app, { branchId: branch.id });
    const [membershipId] = await t.app.get(MembershipEnrollment).enrollMany(SYSTEM_ACTOR, [
      { memberId: person.id, planId: w.planId, joinedOn: '2020-05-01', status: MembershipStatus.ACTIVE, periodStart: '2025-04-01', periodEnd: '2026-03-31', paidThrough: '2026-03-31' },
    ]);
    expect(await w.membershipStatus(membershipId)).toBe('ACTIVE');
    const scan = t.app.get(MembershipStandingScan);
    expect((await scan.run(SYSTEM_ACTOR, '2026-04-01')).intoGrace).toBeGreaterThanOrEqual(1);
    expect(await w.membershipStatus(membershipId)).toBe('GRACE');
    // The plan gives 30 days of grace after 31 March: by 15 June it has run out.
    expect((await scan.run(SYSTEM_ACTOR, TODAY)).lapsed).toBeGreaterThanOrEqual(1);
    expect(await w.membershipStatus(membershipId)).toBe('LAPSED');
    expect(await scan.run(SYSTEM_ACTOR, TODAY)).toEqual({ intoGrace: 0, lapsed: 0 });
    const history = await t.db.query(`SELECT event, from_status, to_status, effective_on::text FROM membership_status_changes WHERE membership_id = $1 ORDER BY id`, [membershipId]);
    expect(history).toEqual([
      { event: 'ENROLL', from_status: null, to_status: 'ACTIVE', effective_on: '2020-05-01' },
      { event: 'PERIOD_ENDED_UNPAID', from_status: 'ACTIVE', to_status: 'GRACE', effective_on: '2026-04-01' },
      { event: 'GRACE_EXPIRED', from_status: 'GRACE', to_status: 'LAPSED', effective_on: '2026-05-01' },
    ]);
  });

  it('enrolment refuses a plan of the wrong kind, naming the row, and writes nothing', async () => {
    const person = await createPerson(t.app, { branchId: branch.id });
    const [before] = await t.db.query(`SELECT count(*)::int AS n FROM memberships`);
    const orgPlan = await t.gql(
      CREATE_PLAN,
      { input: { code: 'ORG-BATCH', nameJa: '団体', nameEn: 'Org', memberKind: 'ORGANIZATION', amount: 30000, federationShareKind: 'FIXED', federationShareValue: 10000 } },
      { token: w.admin },
    );
    await expect(
      t.app.get(MembershipEnrollment).enrollMany(SYSTEM_ACTOR, [
        { memberId: person.id, planId: orgPlan.data!.createDuesPlan.id, joinedOn: '2020-05-01', status: MembershipStatus.ACTIVE, periodStart: '2025-04-01', periodEnd: '2026-03-31', paidThrough: '2026-03-31' },
      ]),
    ).rejects.toMatchObject({ reason: 'DUES_PLAN_MEMBER_TYPE_MISMATCH' });
    const [after] = await t.db.query(`SELECT count(*)::int AS n FROM memberships`);
    expect(after.n).toBe(before.n);
  });

  it('the fiscal-year issuance takes a past issue date, never a future one', async () => {
    await expect(t.app.get(FiscalYearIssuance).issue(SYSTEM_ACTOR, 2027, { issuedOn: '2099-03-01' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const result = await t.app.get(FiscalYearIssuance).issue(SYSTEM_ACTOR, 2026, { issuedOn: '2026-03-01', branchId: branch.id });
    expect(result.issued).toBe(0); // the joins of this file invoiced 2026 already
  });
});
