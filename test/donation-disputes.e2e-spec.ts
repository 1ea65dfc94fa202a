import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '#testing';
import { FakeStripe } from './fakes/stripe-server.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { NOW, PaymentsWorld } from './support/payments-world.js';
import { CREATE_FUND, GET, GUEST, START, accountBalance, stripeClearingInBooks, wireStripe } from './support/donations-world.js';
import { stripeEqualsBooks, webhookDeliverer } from './support/stripe-checks.js';
import { gql, type ResultOf } from './support/gql.js';

const REFUND = gql(`mutation DonationDisputesRefund($input: RefundDonationInput!) { refundDonation(input: $input) { id } }`);

type Donation = ResultOf<typeof GET>['donation'];

/**
 * Disputes (chargebacks) of a donation's charge, end to end through the webhook route and the
 * worker, booked as the dues path books them: opened, the amount moves from Stripe clearing to the
 * disputes account (1350) and the donation is DISPUTED; won, it moves back; lost, the fund's income
 * is reversed from the disputes account like a refund and `donation.refunded` voids the receipt.
 * Twice and out of order (closed before created), one end state. After each: the books balance and
 * the money in Stripe equals Stripe clearing in the books.
 */
/** The worker shares 2 cores with everyone's tests: give it up to 30 s. */
const PATIENT = { attempts: 300, intervalMs: 100 };

describe('donation disputes: held in the disputes account, won back or lost like a refund', () => {
  let t: TestApp;
  let stripe: FakeStripe;
  let w: PaymentsWorld;
  let kodomo: ResultOf<typeof CREATE_FUND>['createFund'];
  let federationBookId: string;
  let guests = 0;

  beforeAll(async () => {
    stripe = await new FakeStripe().start();
    t = await TestApp.start({ worker: true, now: NOW, env: stripe.env });
    wireStripe(stripe, t);
    w = await PaymentsWorld.create(t);
    federationBookId = await w.federationBookId();
    const res = await t.gql(CREATE_FUND, { input: { code: 'KODOMO-SHOKUDO', nameJa: '子ども食堂支援', nameEn: 'Children’s cafeteria support', book: 'FEDERATION', restricted: true } }, { token: w.admin });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    kodomo = res.data!.createFund;
  });

  afterAll(async () => {
    try {
      await checkThenClose(t, ledgerBalances, stripeEqualsBooks(() => stripe));
    } finally {
      await stripe.stop();
    }
  });

  const deliver = webhookDeliverer(() => t);
  const status = async (id: string) => (await t.gql(GET, { id }, { token: w.admin })).data!.donation;
  const shows = (id: string, want: Partial<Donation>) =>
    eventually(async () => {
      const d = await status(id);
      const fields: Record<string, unknown> = d;
      return Object.entries(want).every(([k, v]) => JSON.stringify(fields[k]) === JSON.stringify(v)) && d;
    }, PATIENT);
  const idle = () => eventually(async () => (await t.db.query(`SELECT count(*)::int AS n FROM stripe_events WHERE status = 'RECEIVED'`))[0].n === 0, PATIENT);
  const income = () => accountBalance(t, federationBookId, '4300', 'KODOMO-SHOKUDO');
  const held = () => accountBalance(t, federationBookId, '1350');
  const clearing = () => accountBalance(t, federationBookId, '1300');
  const entries = async (id: string) =>
    (await t.db.query(`SELECT idempotency_key FROM journal_entries WHERE source_id = $1 ORDER BY idempotency_key`, [id])).map((r: { idempotency_key: string }) => r.idempotency_key);
  const refundedEvents = async (id: string) =>
    (await t.db.query(`SELECT payload->'payload' AS p FROM outbox WHERE job_id LIKE $1 ORDER BY id`, [`event.donation-refunded.${id}.%`])).map((r: { p: unknown }) => r.p);
  const receipts = (id: string) => t.db.query(`SELECT status FROM receipts WHERE source_id = $1 ORDER BY created_at`, [id]);

  /** A guest's 10,000 yen card gift to the restricted fund, paid (receipt per gift). */
  const paidGift = async () => {
    guests += 1;
    const res = await t.gql(
      START,
      { input: { fundId: kodomo.id, amount: 10_000, guest: { ...GUEST, email: `dispute-${guests}@example.jp` }, receiptPreference: 'PER_GIFT' } },
      { ip: `198.51.100.${40 + guests}` },
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    const id = res.data!.startDonation.id;
    const session = stripe.sessions().find((s) => s.client_reference_id === id)!;
    await stripe.completeCheckout(session.id, 'card');
    await shows(id, { status: 'SUCCEEDED' });
    return { id, intentId: String(session.payment_intent) };
  };

  it('a dispute holds the amount in the disputes account and shows the donation DISPUTED; won, it moves back and the donation is SUCCEEDED again', async () => {
    const g = await paidGift();
    const [incomeBefore, heldBefore, clearingBefore] = [await income(), await held(), await clearing()];
    // Through the fake's dashboard route, as a newcomer would in development (README "Dispute a gift").
    const dashboard = async (path: string) => (await fetch(`http://127.0.0.1:${stripe.port}/dashboard/${path}`, { method: 'POST' })).json() as Promise<{ id: string; status: string }>;
    const dispute = await dashboard(`${g.intentId}/dispute`);
    expect(dispute).toMatchObject({ id: expect.stringMatching(/^du_/), status: 'needs_response' });
    const open = await shows(g.id, { status: 'DISPUTED', disputeStatus: 'OPEN' });
    expect(open).toMatchObject({ refunded: { amount: 0 } });
    // Dr disputes 1350 / Cr Stripe clearing 10,000; the fund's income untouched while the dispute is open.
    expect((await held()) - heldBefore).toBe(10_000);
    expect((await clearing()) - clearingBefore).toBe(-10_000);
    expect(await income()).toBe(incomeBefore);
    expect(await stripeClearingInBooks(t)).toBe(stripe.balance());
    // A disputed donation cannot be refunded as well.
    const refund = await t.gql(REFUND, { input: { donationId: g.id, reason: 'x', idempotencyKey: 'disputed' } }, { token: w.admin });
    expect(refund.errors?.[0]).toBeDefined();

    // Every dispute event again: nothing booked twice.
    await stripe.redeliver(stripe.events.filter((e) => e.payload.includes(dispute.id)));
    await idle();
    expect(await entries(g.id)).toEqual([`donation-dispute:${dispute.id}:open`, `donation:${g.id}`]);

    expect(await dashboard(`${dispute.id}/won`)).toEqual({ id: dispute.id, status: 'won' });
    await shows(g.id, { status: 'SUCCEEDED', disputeStatus: 'WON' });
    expect(await held()).toBe(heldBefore);
    expect(await clearing()).toBe(clearingBefore);
    expect(await income()).toBe(incomeBefore);
    // Won: nothing went back to the donor; no refund event, the receipt stands.
    expect(await refundedEvents(g.id)).toEqual([]);
    expect((await t.db.query(`SELECT status, closed_at IS NOT NULL AS closed FROM donation_disputes WHERE stripe_dispute_id = $1`, [dispute.id]))[0]).toEqual({ status: 'WON', closed: true });

    await stripe.redeliver(stripe.events.filter((e) => e.payload.includes(dispute.id)));
    await idle();
    expect(await entries(g.id)).toEqual([`donation-dispute:${dispute.id}:open`, `donation-dispute:${dispute.id}:won`, `donation:${g.id}`]);
    expect(await status(g.id)).toMatchObject({ status: 'SUCCEEDED', disputeStatus: 'WON', refunded: { amount: 0 } });
  });

  it('a dispute lost reverses the fund’s income from the disputes account like a refund: REFUNDED, dispute LOST, donation.refunded voids the receipt', async () => {
    const g = await paidGift();
    const issued = await eventually(async () => {
      const rows = await receipts(g.id);
      return rows.length > 0 && rows;
    }, PATIENT);
    expect(issued.map((r: { status: string }) => r.status)).toEqual(['ISSUED']);
    const [incomeBefore, heldBefore, clearingBefore] = [await income(), await held(), await clearing()];
    const dispute = await stripe.dispute(g.intentId, 'product_not_received');
    await shows(g.id, { status: 'DISPUTED', disputeStatus: 'OPEN' });
    await stripe.closeDispute(dispute.id, 'lost');
    const lost = await shows(g.id, { status: 'REFUNDED', disputeStatus: 'LOST' });
    expect(lost).toMatchObject({ refunded: { amount: 10_000 } });
    // Dr 指定寄附金収入 / Cr disputes 1350: the disputes account empties, Stripe clearing stays down by what the bank took.
    expect((await income()) - incomeBefore).toBe(10_000);
    expect(await held()).toBe(heldBefore);
    expect((await clearing()) - clearingBefore).toBe(-10_000);
    expect(await refundedEvents(g.id)).toEqual([{ donationId: g.id, refundedAmountYen: 10_000, fullyRefunded: true }]);
    await eventually(async () => (await receipts(g.id)).every((r: { status: string }) => r.status === 'VOID'), PATIENT);

    // Twice: one entry per step, one refund event.
    await stripe.redeliver(stripe.events.filter((e) => e.payload.includes(dispute.id)));
    await idle();
    expect(await entries(g.id)).toEqual([`donation-dispute:${dispute.id}:lost`, `donation-dispute:${dispute.id}:open`, `donation:${g.id}`]);
    expect(await refundedEvents(g.id)).toHaveLength(1);
    expect(await stripeClearingInBooks(t)).toBe(stripe.balance());
  });

  it('a partly refunded gift disputed for the rest: won, PARTIALLY_REFUNDED again; lost, REFUNDED in full with one refund event per part', async () => {
    const [won, lost] = [await paidGift(), await paidGift()];
    for (const g of [won, lost]) {
      await stripe.dashboardRefund(g.intentId, 4000);
      await shows(g.id, { status: 'PARTIALLY_REFUNDED', refunded: { amount: 4000 } });
    }
    const heldBefore = await held();
    const [d1, d2] = [await stripe.dispute(won.intentId), await stripe.dispute(lost.intentId)];
    expect([d1.amount, d2.amount]).toEqual([6000, 6000]);
    await shows(won.id, { status: 'DISPUTED', disputeStatus: 'OPEN' });
    await shows(lost.id, { status: 'DISPUTED', disputeStatus: 'OPEN' });
    expect((await held()) - heldBefore).toBe(12_000);
    await stripe.closeDispute(d1.id, 'won');
    await stripe.closeDispute(d2.id, 'lost');
    await shows(won.id, { status: 'PARTIALLY_REFUNDED', disputeStatus: 'WON', refunded: { amount: 4000 } });
    await shows(lost.id, { status: 'REFUNDED', disputeStatus: 'LOST', refunded: { amount: 10_000 } });
    expect(await held()).toBe(heldBefore);
    expect(await refundedEvents(won.id)).toEqual([{ donationId: won.id, refundedAmountYen: 4000, fullyRefunded: false }]);
    expect(await refundedEvents(lost.id)).toEqual([
      { donationId: lost.id, refundedAmountYen: 4000, fullyRefunded: false },
      { donationId: lost.id, refundedAmountYen: 10_000, fullyRefunded: true },
    ]);
    expect(await stripeClearingInBooks(t)).toBe(stripe.balance());
  });

  it('closed arriving before created, each twice: the same end state as in order', async () => {
    const g = await paidGift();
    const [incomeBefore, heldBefore, clearingBefore] = [await income(), await held(), await clearing()];
    const kept: { payload: string; signature: string }[] = [];
    stripe.deliverTo(async (payload, signature) => (kept.push({ payload, signature }), 200));
    const dispute = await stripe.dispute(g.intentId, 'fraudulent');
    await stripe.closeDispute(dispute.id, 'lost');
    stripe.deliverTo(deliver);
    expect(kept.length).toBeGreaterThanOrEqual(3);
    for (const k of [...kept].reverse()) expect(await deliver(k.payload, k.signature)).toBe(200);
    for (const k of [...kept].reverse()) expect(await deliver(k.payload, k.signature)).toBe(200);
    await shows(g.id, { status: 'REFUNDED', disputeStatus: 'LOST' });
    await idle();
    expect(await entries(g.id)).toEqual([`donation-dispute:${dispute.id}:lost`, `donation-dispute:${dispute.id}:open`, `donation:${g.id}`]);
    expect((await income()) - incomeBefore).toBe(10_000);
    expect(await held()).toBe(heldBefore);
    expect((await clearing()) - clearingBefore).toBe(-10_000);
    expect(await refundedEvents(g.id)).toEqual([{ donationId: g.id, refundedAmountYen: 10_000, fullyRefunded: true }]);
    expect(await t.db.query(`SELECT status FROM donation_disputes WHERE donation_id = $1`, [g.id])).toEqual([{ status: 'LOST' }]);
  });
});
