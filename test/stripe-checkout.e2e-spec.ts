import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#auth';
import { eventually } from '#testing';
import { FakeStripe } from './fakes/stripe-server.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { AccountCode, NOW, PaymentsWorld, RECORD } from './support/payments-world.js';
import { gql } from './support/gql.js';

const PAY = gql(`mutation StripeCheckoutPay($invoiceId: ID!) { payDuesInvoiceOnline(invoiceId: $invoiceId) {
  id invoiceId status url expiresAt method konbiniExpiresAt paymentId amount { amount currency } } }`);
const CHECKOUTS = gql(`query StripeCheckoutList($invoiceId: ID!) { onlineCheckouts(invoiceId: $invoiceId) { id status method konbiniExpiresAt paymentId } }`);

describe('paying dues online through Stripe Checkout (card and konbini), webhooks processed by the worker', () => {
  let t: TestApp;
  let stripe: FakeStripe;
  let w: PaymentsWorld;
  let branch: Awaited<ReturnType<PaymentsWorld['branch']>>;

  beforeAll(async () => {
    stripe = await new FakeStripe().start();
    t = await TestApp.start({ worker: true, now: NOW, env: stripe.env });
    stripe.setClock(() => Math.floor(t.clock!.now().getTime() / 1000));
    stripe.deliverTo(async (payload, signature) => {
      const res = await t.http.post('/webhooks/stripe').set('content-type', 'application/json').set('stripe-signature', signature).send(payload);
      return res.status;
    });
    w = await PaymentsWorld.create(t);
    branch = await w.branch();
  });

  afterAll(async () => {
    try {
      await checkThenClose(t, ledgerBalances);
    } finally {
      await stripe.stop();
    }
  });

  async function memberPaying() {
    const m = await w.memberWithInvoice(branch.id);
    const member = await t.signIn(Role.MEMBER, { memberId: m.memberId });
    return { ...m, token: member.token };
  }

  const paymentsOf = (invoiceId: string) =>
    t.db.query(
      `SELECT p.method, p.amount::int, p.fee::int, p.reference, p.status FROM payments p JOIN payment_allocations a ON a.payment_id = p.id WHERE a.invoice_id = $1`,
      [invoiceId],
    );

  it('a member pays an invoice by card: the payment is recorded once with Stripe’s fee, the invoice is paid, the books hold the net in Stripe clearing', async () => {
    const m = await memberPaying();
    const started = await t.gql(PAY, { invoiceId: m.invoiceId }, { token: m.token });
    expect(started.errors).toBeUndefined();
    const checkout = started.data!.payDuesInvoiceOnline;
    expect(checkout).toMatchObject({ invoiceId: m.invoiceId, status: 'OPEN', amount: { amount: 12000, currency: 'JPY' }, paymentId: null });
    expect(checkout.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/checkout\/cs_test_/);

    const clearingBefore = await w.balance(branch.bookId, AccountCode.StripeClearing);
    const [session] = stripe.sessions().filter((s) => s.client_reference_id === m.invoiceId);
    await stripe.completeCheckout(session.id, 'card');

    const paid = await eventually(async () => {
      const res = await t.gql(CHECKOUTS, { invoiceId: m.invoiceId }, { token: m.token });
      return res.data?.onlineCheckouts[0]?.status === 'PAID' && res.data.onlineCheckouts[0];
    });
    expect(paid).toMatchObject({ method: 'CARD' });
    expect(await w.invoice(m.invoiceId)).toMatchObject({ status: 'PAID', outstanding: 0 });
    expect(await w.membershipStatus(m.membershipId)).toBe('ACTIVE');
    // 3.6 % of 12,000 = 432 kept by Stripe: 11,568 net in Stripe clearing, the fee an expense.
    expect(await paymentsOf(m.invoiceId)).toEqual([{ method: 'CARD', amount: 12000, fee: 432, reference: session.payment_intent, status: 'RECORDED' }]);
    expect((await w.balance(branch.bookId, AccountCode.StripeClearing)) - clearingBefore).toBe(11568n);
  });

  it('the same events delivered again, and all of them in reverse order, change nothing: one payment', async () => {
    const m = await memberPaying();
    await t.gql(PAY, { invoiceId: m.invoiceId }, { token: m.token });
    const [session] = stripe.sessions().filter((s) => s.client_reference_id === m.invoiceId);
    const before = stripe.events.length;
    await stripe.completeCheckout(session.id, 'card');
    const events = stripe.events.slice(before);
    expect(events.map((e) => e.type)).toEqual(['payment_intent.succeeded', 'checkout.session.completed']);
    await eventually(async () => (await w.invoice(m.invoiceId)).status === 'PAID');

    const statuses = await stripe.redeliver([...events].reverse());
    expect(statuses).toEqual([200, 200]);
    const stored = await t.db.query(`SELECT count(*)::int AS n FROM stripe_events WHERE id = ANY($1)`, [events.map((e) => e.id)]);
    expect(stored[0].n).toBe(2);
    // A duplicate is acknowledged without queueing anything: no job exists that could record twice.
    expect((await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE job_id = ANY($1)`, [events.map((e) => `stripe-event.${e.id}`)]))[0].n).toBe(2);
    expect(await paymentsOf(m.invoiceId)).toHaveLength(1);
  });

  it('events that arrive in reverse order record the payment once as well', async () => {
    const m = await memberPaying();
    await t.gql(PAY, { invoiceId: m.invoiceId }, { token: m.token });
    const [session] = stripe.sessions().filter((s) => s.client_reference_id === m.invoiceId);
    // Hold the deliveries, then send them last-first.
    const held: { payload: string; signature: string }[] = [];
    stripe.deliverTo(async (payload, signature) => (held.push({ payload, signature }), 200));
    await stripe.completeCheckout(session.id, 'card');
    stripe.deliverTo(async (payload, signature) => (await t.http.post('/webhooks/stripe').set('content-type', 'application/json').set('stripe-signature', signature).send(payload)).status);
    for (const h of held.reverse()) {
      const res = await t.http.post('/webhooks/stripe').set('content-type', 'application/json').set('stripe-signature', h.signature).send(h.payload);
      expect(res.status).toBe(200);
    }
    await eventually(async () => (await w.invoice(m.invoiceId)).status === 'PAID');
    expect(await paymentsOf(m.invoiceId)).toHaveLength(1);
  });

  it('asking twice while the page is open returns the same Checkout, and a member has one Stripe customer for all invoices', async () => {
    const m = await memberPaying();
    const first = (await t.gql(PAY, { invoiceId: m.invoiceId }, { token: m.token })).data!.payDuesInvoiceOnline;
    const second = (await t.gql(PAY, { invoiceId: m.invoiceId }, { token: m.token })).data!.payDuesInvoiceOnline;
    expect(second.id).toBe(first.id);
    const customers = await t.db.query(`SELECT customer_id FROM stripe_customers WHERE member_id = $1`, [m.memberId]);
    expect(customers).toHaveLength(1);
    const created = stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/customers' && r.params.metadata && (r.params.metadata as Record<string, string>).memberId === m.memberId);
    expect(created).toHaveLength(1);
    expect(created[0].idempotencyKey).toBe(`rentai-customer-${m.memberId}`);
  });

  it('konbini: the checkout awaits payment at the konbini with the voucher’s expiry (23:59:59 JST), then the payment is recorded', async () => {
    const m = await memberPaying();
    await t.gql(PAY, { invoiceId: m.invoiceId }, { token: m.token });
    const [session] = stripe.sessions().filter((s) => s.client_reference_id === m.invoiceId);
    await stripe.completeCheckout(session.id, 'konbini');
    const awaiting = await eventually(async () => {
      const res = await t.gql(CHECKOUTS, { invoiceId: m.invoiceId }, { token: m.token });
      return res.data?.onlineCheckouts[0]?.status === 'AWAITING_KONBINI' && res.data.onlineCheckouts[0];
    });
    // NOW is 2026-06-15 12:00 JST; 7 days → 2026-06-22 23:59:59 JST.
    expect(awaiting).toMatchObject({ method: 'KONBINI', konbiniExpiresAt: '2026-06-22T14:59:59.000Z', paymentId: null });
    expect(await w.invoice(m.invoiceId)).toMatchObject({ status: 'OPEN' });

    await stripe.payKonbini(session.id);
    await eventually(async () => (await w.invoice(m.invoiceId)).status === 'PAID');
    expect(await paymentsOf(m.invoiceId)).toEqual([expect.objectContaining({ method: 'KONBINI', amount: 12000, fee: 190 })]);
  });

  it('konbini: a voucher that expires unpaid marks the checkout FAILED and leaves the invoice open; a new Checkout can be started', async () => {
    const m = await memberPaying();
    const first = (await t.gql(PAY, { invoiceId: m.invoiceId }, { token: m.token })).data!.payDuesInvoiceOnline;
    const [session] = stripe.sessions().filter((s) => s.client_reference_id === m.invoiceId);
    await stripe.completeCheckout(session.id, 'konbini');
    await stripe.expireKonbini(session.id);
    await eventually(async () => (await t.gql(CHECKOUTS, { invoiceId: m.invoiceId }, { token: m.token })).data?.onlineCheckouts[0]?.status === 'FAILED');
    expect(await w.invoice(m.invoiceId)).toMatchObject({ status: 'OPEN', outstanding: 12000 });
    expect(await paymentsOf(m.invoiceId)).toEqual([]);
    const again = (await t.gql(PAY, { invoiceId: m.invoiceId }, { token: m.token })).data!.payDuesInvoiceOnline;
    expect(again.id).not.toBe(first.id);
    expect(again.status).toBe('OPEN');
  });

  it('an amount Stripe reports that differs from what was asked records nothing and keeps the event with its error', async () => {
    const m = await memberPaying();
    await t.gql(PAY, { invoiceId: m.invoiceId }, { token: m.token });
    const [session] = stripe.sessions().filter((s) => s.client_reference_id === m.invoiceId);
    stripe.objects.get(session.payment_intent)!.amount = 1200;
    await stripe.completeCheckout(session.id, 'card');
    const [failed] = await eventually(async () => {
      const rows = await t.db.query(`SELECT type, status, last_error FROM stripe_events WHERE object_id = $1 AND last_error IS NOT NULL`, [session.id]);
      return rows.length > 0 && rows;
    });
    expect(failed).toMatchObject({ type: 'checkout.session.completed', status: 'RECEIVED' });
    expect(failed.last_error).toContain('1200 JPY');
    expect(await paymentsOf(m.invoiceId)).toEqual([]);
    expect(await w.invoice(m.invoiceId)).toMatchObject({ status: 'OPEN' });
  });

  it('a forged or missing signature is refused with 400 and nothing is stored', async () => {
    const payload = JSON.stringify({ id: 'evt_forged', object: 'event', type: 'checkout.session.completed', created: 1, livemode: false, data: { object: { id: 'cs_test_x' } } });
    const forged = await t.http.post('/webhooks/stripe').set('content-type', 'application/json').set('stripe-signature', 't=1,v1=deadbeef').send(payload);
    const missing = await t.http.post('/webhooks/stripe').set('content-type', 'application/json').send(payload);
    expect([forged.status, missing.status]).toEqual([400, 400]);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM stripe_events WHERE id = 'evt_forged'`))[0].n).toBe(0);
  });

  it('only the invoice’s member or its branch’s staff may start a Checkout; a paid invoice cannot be paid online', async () => {
    const m = await memberPaying();
    const other = await memberPaying();
    const stranger = await t.gql(PAY, { invoiceId: m.invoiceId }, { token: other.token });
    expect(stranger.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const elsewhere = await w.branch();
    const otherTreasurer = await t.gql(PAY, { invoiceId: m.invoiceId }, { token: elsewhere.treasurer });
    expect(otherTreasurer.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const auditor = (await t.signIn(Role.AUDITOR)).token;
    expect((await t.gql(PAY, { invoiceId: m.invoiceId }, { token: auditor })).errors?.[0].extensions.code).toBe('FORBIDDEN');
    const treasurer = await t.gql(PAY, { invoiceId: m.invoiceId }, { token: branch.treasurer });
    expect(treasurer.data?.payDuesInvoiceOnline.status).toBe('OPEN');
    expect(await t.db.query(`SELECT count(*)::int AS n FROM online_checkouts WHERE invoice_id = $1`, [m.invoiceId])).toEqual([{ n: 1 }]);

    const paid = await memberPaying();
    await t.gql(
      RECORD,
      { input: { memberId: paid.memberId, method: 'CASH', amount: { amount: 12000, currency: 'JPY' }, receivedOn: '2026-06-15', allocations: [{ invoiceId: paid.invoiceId }] } },
      { token: branch.treasurer },
    );
    const refused = await t.gql(PAY, { invoiceId: paid.invoiceId }, { token: paid.token });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVOICE_NOT_PAYABLE' });
    expect((await t.gql(PAY, { invoiceId: 'not-a-uuid' }, { token: paid.token })).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('without STRIPE_SECRET_KEY', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ now: NOW, env: { STRIPE_SECRET_KEY: '', STRIPE_WEBHOOK_SECRET: '' } });
  });
  afterAll(() => checkThenClose(t, ledgerBalances));

  it('online payment answers a clear error in the caller’s language, the webhook route refuses, and everything else works', async () => {
    const w = await PaymentsWorld.create(t);
    const branch = await w.branch();
    const m = await w.memberWithInvoice(branch.id);
    const member = await t.signIn(Role.MEMBER, { memberId: m.memberId });
    const en = await t.gql(PAY, { invoiceId: m.invoiceId }, { token: member.token });
    expect(en.errors?.[0]).toMatchObject({ message: 'Online payments are not configured', extensions: { code: 'CONFLICT', reason: 'ONLINE_PAYMENTS_NOT_CONFIGURED' } });
    const ja = await t.gql(PAY, { invoiceId: m.invoiceId }, { token: member.token, locale: 'ja' });
    expect(ja.errors?.[0].message).toBe('オンライン決済は設定されていません');
    expect((await t.http.post('/webhooks/stripe').set('content-type', 'application/json').send('{}')).status).toBe(400);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM online_checkouts`)).toEqual([{ n: 0 }]);
  });
});
