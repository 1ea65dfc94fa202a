import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#auth';
import { StripePayouts } from '#payments';
import { eventually } from '#testing';
import { FakeStripe } from './fakes/stripe-server.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { stripeEqualsBooks as stripeEqualsBooksOf, webhookDeliverer } from './support/stripe-checks.js';
import { AccountCode, NOW, PaymentsWorld, RECORD } from './support/payments-world.js';
import { gql } from './support/gql.js';

const PAY = gql(`mutation StripeMoneyPayOnline($invoiceId: ID!) { payDuesInvoiceOnline(invoiceId: $invoiceId) { id url } }`);
const REFUND = gql(`mutation StripeMoneyRefund($paymentId: ID!, $amount: Amount, $reason: String!, $key: String!) {
  refundPayment(paymentId: $paymentId, amount: $amount, reason: $reason, idempotencyKey: $key) {
    id paymentId stripeRefundId status reason requestedBy bookedAt amount { amount currency } } }`);
const REFUNDS = gql(`query StripeMoneyRefunds($paymentId: ID!) { paymentRefunds(paymentId: $paymentId) { stripeRefundId status requestedBy bookedAt amount { amount } } }`);
const DISPUTES = gql(`query StripeMoneyDisputes($paymentId: ID!) { paymentDisputes(paymentId: $paymentId) { stripeDisputeId status reason amount { amount } closedAt } }`);
const PAYMENT = gql(`query StripeMoneyPaymentCredit($id: ID!) { payment(id: $id) { unallocated { amount } takenBack { amount } } }`);

describe('Stripe money after the payment: refunds (ours and the dashboard’s), disputes, payouts, other events', () => {
  let t: TestApp;
  let stripe: FakeStripe;
  let w: PaymentsWorld;
  let branch: Awaited<ReturnType<PaymentsWorld['branch']>>;

  const deliver = webhookDeliverer(() => t);
  /** Money in Stripe (its balance, payouts aside) equals money in the books (Stripe clearing of every book). */
  const stripeEqualsBooks = stripeEqualsBooksOf(() => stripe);

  beforeAll(async () => {
    stripe = await new FakeStripe().start();
    t = await TestApp.start({ worker: true, now: NOW, env: stripe.env });
    stripe.setClock(() => Math.floor(t.clock!.now().getTime() / 1000));
    stripe.deliverTo(deliver);
    w = await PaymentsWorld.create(t);
    branch = await w.branch();
  });

  // After each test too: the ledger balances and Stripe's money equals the books' (once the worker is idle).
  afterEach(async () => {
    await eventually(async () => (await t.db.query(`SELECT count(*)::int AS n FROM stripe_events WHERE status = 'RECEIVED'`))[0].n === 0);
    await ledgerBalances(t);
    await stripeEqualsBooks(t);
  });

  afterAll(async () => {
    try {
      await checkThenClose(t, ledgerBalances, stripeEqualsBooks);
    } finally {
      await stripe.stop();
    }
  });

  /** A member who paid their 12,000 yen invoice online; the payment recorded. */
  async function paidOnline(method: 'card' | 'konbini' = 'card') {
    const m = await w.memberWithInvoice(branch.id);
    const member = await t.signIn(Role.MEMBER, { memberId: m.memberId });
    const started = await t.gql(PAY, { invoiceId: m.invoiceId }, { token: member.token });
    expect(started.errors).toBeUndefined();
    const [session] = stripe.sessions().filter((s) => s.client_reference_id === m.invoiceId);
    await stripe.completeCheckout(session.id, method);
    if (method === 'konbini') await stripe.payKonbini(session.id);
    const paymentId: string = await eventually(async () => (await t.db.query(`SELECT payment_id FROM online_checkouts WHERE session_id = $1`, [session.id]))[0]?.payment_id);
    return { ...m, paymentId, intentId: session.payment_intent as string };
  }

  const refundsOf = async (paymentId: string) => (await t.gql(REFUNDS, { paymentId }, { token: branch.treasurer })).data!.paymentRefunds;
  const clearing = () => w.balance(branch.bookId, AccountCode.StripeClearing);
  const disputes = () => w.balance(branch.bookId, AccountCode.StripeDisputes);
  const stripeRefundCalls = () => stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/refunds').length;

  it('a treasurer refunds part of a card payment: the ledger is reversed for that part and the invoice reopens for it; a retry with the same key refunds nothing more; then the rest', async () => {
    const m = await paidOnline();
    const before = await clearing();
    const first = await t.gql(REFUND, { paymentId: m.paymentId, amount: 5000, reason: '二重払いの一部', key: 'k-1' }, { token: branch.treasurer });
    expect(first.errors).toBeUndefined();
    expect(first.data!.refundPayment).toMatchObject({ paymentId: m.paymentId, amount: { amount: 5000, currency: 'JPY' }, reason: '二重払いの一部', requestedBy: branch.treasurerUserId });
    expect(stripe.requests.filter((r) => r.path === '/v1/refunds' && r.method === 'POST').at(-1)!.idempotencyKey).toBe(`rentai-refund-${m.paymentId}-k-1`);

    await eventually(async () => (await w.invoice(m.invoiceId)).status === 'PARTIALLY_PAID');
    expect(await w.invoice(m.invoiceId)).toMatchObject({ paid: 7000, outstanding: 5000 });
    expect(await w.membershipStatus(m.membershipId)).toBe('PENDING');
    expect((await refundsOf(m.paymentId))[0]).toMatchObject({ status: 'SUCCEEDED', amount: { amount: 5000 }, bookedAt: expect.any(String) });
    expect((await clearing()) - before).toBe(-5000n);
    // The refunded part is not shown (or usable) as the member's credit.
    const shown = await t.gql(PAYMENT, { id: m.paymentId }, { token: branch.treasurer });
    expect(shown.data!.payment).toEqual({ unallocated: { amount: 0 }, takenBack: { amount: 5000 } });
    expect(await t.db.query(`SELECT action, actor_user_id FROM audit_events WHERE action = 'payment.refund' AND entity_id = $1`, [m.paymentId])).toEqual([
      { action: 'payment.refund', actor_user_id: branch.treasurerUserId },
    ]);

    const calls = stripeRefundCalls();
    const again = await t.gql(REFUND, { paymentId: m.paymentId, amount: 5000, reason: '二重払いの一部', key: 'k-1' }, { token: branch.treasurer });
    expect(again.data!.refundPayment.stripeRefundId).toBe(first.data!.refundPayment.stripeRefundId);
    expect(stripeRefundCalls()).toBe(calls + 1);
    expect(await refundsOf(m.paymentId)).toHaveLength(1);

    const rest = await t.gql(REFUND, { paymentId: m.paymentId, reason: '退会', key: 'k-2' }, { token: branch.treasurer });
    expect(rest.data!.refundPayment.amount.amount).toBe(7000);
    await eventually(async () => (await w.invoice(m.invoiceId)).status === 'OPEN');
    expect(await w.invoice(m.invoiceId)).toMatchObject({ paid: 0, outstanding: 12000 });
    await eventually(async () => (await refundsOf(m.paymentId)).every((r) => r.bookedAt));
    expect((await clearing()) - before).toBe(-12000n);
    // Nothing is left to use as the member's credit.
    const credit = await t.db.query(`SELECT count(*)::int AS n FROM payment_allocations WHERE payment_id = $1 AND released_at IS NULL`, [m.paymentId]);
    expect(credit[0].n).toBe(0);

    const tooMuch = await t.gql(REFUND, { paymentId: m.paymentId, amount: 1, reason: 'x', key: 'k-3' }, { token: branch.treasurer });
    expect(tooMuch.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REFUND_EXCEEDS_REFUNDABLE', fields: [expect.objectContaining({ field: 'amount' })] });
    expect(stripeRefundCalls()).toBe(calls + 2);
  });

  it('a refund made in the Stripe dashboard is booked like ours, once, whatever is redelivered', async () => {
    const m = await paidOnline();
    const before = await clearing();
    const sent = stripe.events.length;
    const refund = await stripe.dashboardRefund(m.intentId, 3000);
    await eventually(async () => (await w.invoice(m.invoiceId)).paid === 9000);
    const rows = await refundsOf(m.paymentId);
    expect(rows).toEqual([expect.objectContaining({ stripeRefundId: refund.id, status: 'SUCCEEDED', requestedBy: null, amount: { amount: 3000 } })]);
    await stripe.redeliver(stripe.events.slice(sent).reverse());
    await new Promise((r) => setTimeout(r, 500));
    await eventually(async () => (await t.db.query(`SELECT count(*)::int AS n FROM stripe_events WHERE status = 'RECEIVED'`))[0].n === 0);
    expect(await w.invoice(m.invoiceId)).toMatchObject({ paid: 9000, status: 'PARTIALLY_PAID' });
    expect((await clearing()) - before).toBe(-3000n);
    // Once: the branch book's take-back and the federation book's mirror of its share (ON_RECEIPT), whatever was redelivered.
    expect((await t.db.query(`SELECT count(*)::int AS n FROM journal_entries WHERE source = 'REFUND' AND source_id = $1`, [m.paymentId]))[0].n).toBe(2);
  });

  it('a konbini refund waits for the payer’s bank details (shown as AWAITING_BANK_DETAILS), the books unchanged until the money goes', async () => {
    const m = await paidOnline('konbini');
    const before = await clearing();
    const res = await t.gql(REFUND, { paymentId: m.paymentId, reason: 'キャンセル', key: 'konbini-1' }, { token: branch.treasurer });
    expect(res.data!.refundPayment).toMatchObject({ status: 'AWAITING_BANK_DETAILS', amount: { amount: 12000 }, bookedAt: null });
    await new Promise((r) => setTimeout(r, 500));
    expect(await w.invoice(m.invoiceId)).toMatchObject({ status: 'PAID' });
    expect(await clearing()).toBe(before);
    // Asking again while it waits refunds nothing more.
    const second = await t.gql(REFUND, { paymentId: m.paymentId, reason: 'キャンセル', key: 'konbini-2' }, { token: branch.treasurer });
    expect(second.errors?.[0].extensions.reason).toBe('REFUND_EXCEEDS_REFUNDABLE');

    await stripe.provideRefundBankDetails(res.data!.refundPayment.stripeRefundId);
    await eventually(async () => (await w.invoice(m.invoiceId)).status === 'OPEN');
    expect((await refundsOf(m.paymentId))[0]).toMatchObject({ status: 'SUCCEEDED', requestedBy: branch.treasurerUserId });
    expect((await clearing()) - before).toBe(-12000n);
  });

  it('only the payment’s branch writers may refund, only online payments, with a reason: otherwise a clear error and nothing changes', async () => {
    const m = await paidOnline();
    const calls = stripeRefundCalls();
    const count = async () => (await t.db.query(`SELECT count(*)::int AS n FROM payment_refunds`))[0].n;
    const rows = await count();
    const elsewhere = await w.branch();
    const vars = { paymentId: m.paymentId, amount: 100, reason: 'x', key: 'auth' };
    expect((await t.gql(REFUND, vars, { token: elsewhere.treasurer })).errors?.[0].extensions.code).toMatch(/FORBIDDEN|NOT_FOUND/);
    expect((await t.gql(REFUND, vars, { token: (await t.signIn(Role.AUDITOR)).token })).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(REFUND, vars, { token: (await t.signIn(Role.MEMBER, { memberId: m.memberId })).token })).errors?.[0].extensions.code).toBe('FORBIDDEN');
    const blank = await t.gql(REFUND, { ...vars, reason: '  ' }, { token: branch.treasurer });
    expect(blank.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'reason' })] });
    const ja = await t.gql(REFUND, { ...vars, reason: '' }, { token: branch.treasurer, locale: 'ja' });
    expect(ja.errors?.[0].message).toBe('返金理由を入力してください');
    expect((await t.gql(REFUND, { ...vars, paymentId: 'nope' }, { token: branch.treasurer })).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');

    const cash = await w.memberWithInvoice(branch.id);
    const recorded = await t.gql(RECORD, { input: { memberId: cash.memberId, method: 'CASH', amount: { amount: 12000, currency: 'JPY' }, receivedOn: '2026-06-15', allocations: [{ invoiceId: cash.invoiceId }] } }, { token: branch.treasurer });
    const notOnline = await t.gql(REFUND, { ...vars, paymentId: recorded.data!.recordPayment.id }, { token: branch.treasurer });
    expect(notOnline.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_ONLINE_PAYMENT', fields: [expect.objectContaining({ field: 'paymentId' })] });
    expect(stripeRefundCalls()).toBe(calls);
    expect(await count()).toBe(rows);

    const admin = await t.gql(REFUND, { ...vars, key: 'admin' }, { token: w.admin });
    expect(admin.data?.refundPayment.status).toBe('SUCCEEDED');
    await eventually(async () => (await w.invoice(m.invoiceId)).paid === 11900);
  });

  it('a dispute holds the amount in the disputes account and marks the payment disputed; won, it goes back', async () => {
    const m = await paidOnline();
    const [clearingBefore, disputesBefore] = [await clearing(), await disputes()];
    const dispute = await stripe.dispute(m.intentId, 'fraudulent');
    await eventually(async () => (await disputes()) - disputesBefore === 12000n);
    expect((await clearing()) - clearingBefore).toBe(-12000n);
    expect((await t.gql(DISPUTES, { paymentId: m.paymentId }, { token: branch.treasurer })).data!.paymentDisputes).toEqual([
      { stripeDisputeId: dispute.id, status: 'OPEN', reason: 'fraudulent', amount: { amount: 12000 }, closedAt: null },
    ]);
    // Disputed money cannot be refunded as well.
    const refund = await t.gql(REFUND, { paymentId: m.paymentId, reason: 'x', key: 'disputed' }, { token: branch.treasurer });
    expect(refund.errors?.[0].extensions.reason).toBe('REFUND_EXCEEDS_REFUNDABLE');

    await stripe.closeDispute(dispute.id, 'won');
    await eventually(async () => (await t.gql(DISPUTES, { paymentId: m.paymentId }, { token: branch.treasurer })).data!.paymentDisputes[0].status === 'WON');
    expect(await disputes()).toBe(disputesBefore);
    expect(await clearing()).toBe(clearingBefore);
    expect(await w.invoice(m.invoiceId)).toMatchObject({ status: 'PAID' });
  });

  it('a dispute lost is written off like a refund: the invoice reopens, the disputes account empties', async () => {
    const m = await paidOnline();
    const [clearingBefore, disputesBefore] = [await clearing(), await disputes()];
    const dispute = await stripe.dispute(m.intentId, 'product_not_received');
    await eventually(async () => (await disputes()) - disputesBefore === 12000n);
    await stripe.closeDispute(dispute.id, 'lost');
    await eventually(async () => (await w.invoice(m.invoiceId)).status === 'OPEN');
    expect(await disputes()).toBe(disputesBefore);
    expect((await clearing()) - clearingBefore).toBe(-12000n);
    expect(await w.membershipStatus(m.membershipId)).toBe('PENDING');
    expect((await t.gql(DISPUTES, { paymentId: m.paymentId }, { token: branch.treasurer })).data!.paymentDisputes[0]).toMatchObject({ status: 'LOST', closedAt: expect.any(String) });
  });

  it('events in reverse order (the refund before the payment) still record one payment and book the refund once', async () => {
    const m = await w.memberWithInvoice(branch.id);
    const member = await t.signIn(Role.MEMBER, { memberId: m.memberId });
    await t.gql(PAY, { invoiceId: m.invoiceId }, { token: member.token });
    const [session] = stripe.sessions().filter((s) => s.client_reference_id === m.invoiceId);
    const held: { payload: string; signature: string }[] = [];
    stripe.deliverTo(async (payload, signature) => (held.push({ payload, signature }), 200));
    await stripe.completeCheckout(session.id, 'card');
    await stripe.dashboardRefund(session.payment_intent, 2000);
    stripe.deliverTo(deliver);
    for (const h of held.reverse()) expect(await deliver(h.payload, h.signature)).toBe(200);
    await eventually(async () => (await w.invoice(m.invoiceId)).paid === 10000);
    await eventually(async () => (await t.db.query(`SELECT count(*)::int AS n FROM stripe_events WHERE status = 'RECEIVED'`))[0].n === 0);
    const payments = await t.db.query(`SELECT id FROM payments WHERE reference = $1`, [session.payment_intent]);
    expect(payments).toHaveLength(1);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM payment_refunds WHERE payment_id = $1 AND journal_entry_id IS NOT NULL`, [payments[0].id]))[0].n).toBe(1);
  });

  it('payout.paid is stored with the balance transactions it carried, each linked to our payment, for reconciliation', async () => {
    const m = await paidOnline();
    const arrival = Math.floor(new Date('2026-06-22T01:00:00Z').getTime() / 1000);
    const payout = await stripe.payout(arrival);
    const payouts = t.app.get(StripePayouts);
    const [found] = await eventually(async () => {
      const rows = await payouts.findByArrival(BigInt(payout.amount), '2026-06-22');
      return rows.length > 0 && rows;
    });
    expect(found).toMatchObject({ id: payout.id, amount: BigInt(payout.amount), currency: 'JPY', arrivalDate: '2026-06-22', status: 'paid' });
    const charge = found.transactions.find((x) => x.paymentId === m.paymentId)!;
    expect(charge).toMatchObject({ type: 'charge', amount: 12000n, fee: 432n, net: 11568n });
    expect(found.transactions.some((x) => x.type === 'refund')).toBe(true);
    expect(found.transactions.reduce((s, x) => s + x.net, 0n)).toBe(BigInt(payout.amount));
    expect((await payouts.list({ from: '2026-06-01', to: '2026-06-30' })).map((p) => p.id)).toContain(payout.id);
  });

  it('the liveness route answers 200 by GET and POST without touching anything (the webhook benchmark’s baseline)', async () => {
    expect((await t.http.get('/health/live')).body).toEqual({ status: 'ok' });
    const posted = await t.http.post('/health/live').set('content-type', 'application/json').send('{"a":1}');
    expect([posted.status, posted.body]).toEqual([200, { status: 'ok' }]);
  });

  it('setup_intent.succeeded of a customer not ours, and types we do not act on, are stored and ignored', async () => {
    // (A SetupIntent of one of our members' customers saves their card: test/auto-renew.e2e-spec.ts.)
    const setup = { id: 'seti_1', object: 'setup_intent', status: 'succeeded', customer: 'cus_of_another_system', payment_method: null };
    stripe.objects.set(setup.id, setup);
    await stripe.sendEvent('setup_intent.succeeded', setup);
    await stripe.sendEvent('customer.created', { id: 'cus_x', object: 'customer' });
    const rows = await eventually(async () => {
      const r = await t.db.query(`SELECT type, status FROM stripe_events WHERE object_id IN ('seti_1', 'cus_x') ORDER BY type`);
      return r.every((x: { status: string }) => x.status === 'IGNORED') && r.length === 2 && r;
    });
    expect(rows).toEqual([
      { type: 'customer.created', status: 'IGNORED' },
      { type: 'setup_intent.succeeded', status: 'IGNORED' },
    ]);
  });
});

describe('the fake Stripe of development (npm start without STRIPE_SECRET_KEY)', () => {
  it('starts only in development without a key, hands its keys to the gateway and worker, and serves a Checkout page a browser completes', async () => {
    const { startDevFakeStripe } = await import('../scripts/dev-fake-stripe.js');
    const { AppConfig } = await import('#core');
    const dev = AppConfig.fromEnv({ NODE_ENV: 'development' });
    expect(await startDevFakeStripe(dev, { STRIPE_SECRET_KEY: 'sk_test_real', STRIPE_WEBHOOK_SECRET: 'whsec_real' }, 0)).toBeNull();
    expect(await startDevFakeStripe({ ...dev, nodeEnv: 'production' } as typeof dev, {}, 0)).toBeNull();

    const env: Record<string, string | undefined> = {};
    const started = (await startDevFakeStripe(dev, env, 0))!;
    const t = await TestApp.start({ worker: true, now: NOW, env: env as Record<string, string> });
    try {
      expect(env.STRIPE_SECRET_KEY).toMatch(/^sk_test_fake_/);
      expect(env.STRIPE_API_URL).toBe(`http://127.0.0.1:${started.fake.port}`);
      expect(started.line).toContain(`http://127.0.0.1:${started.fake.port}`);
      started.fake.deliverTo(async (payload, signature) => (await t.http.post('/webhooks/stripe').set('content-type', 'application/json').set('stripe-signature', signature).send(payload)).status);
      started.fake.setClock(() => Math.floor(t.clock!.now().getTime() / 1000));

      const w = await PaymentsWorld.create(t);
      const branch = await w.branch();
      const m = await w.memberWithInvoice(branch.id);
      const member = await t.signIn(Role.MEMBER, { memberId: m.memberId });
      const checkout = await t.gql(PAY, { invoiceId: m.invoiceId }, { token: member.token });
      const url = checkout.data!.payDuesInvoiceOnline.url;
      const pageHtml = await (await fetch(url)).text();
      expect(pageHtml).toContain('Pay by card');
      expect(pageHtml).toContain('Pay at konbini');
      expect(pageHtml).toContain('¥12,000');
      const paid = await fetch(`${url}/card`, { method: 'POST', redirect: 'manual' });
      expect(paid.status).toBe(303);
      expect(paid.headers.get('location')).toContain(`/portal/invoices/${m.invoiceId}?checkout=success`);
      await eventually(async () => (await w.invoice(m.invoiceId)).status === 'PAID');
      await ledgerBalances(t);
    } finally {
      await t.close();
      await started.fake.stop();
    }
  });
});
