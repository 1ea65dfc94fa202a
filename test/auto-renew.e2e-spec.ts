import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Role, SYSTEM_ACTOR } from '#auth';
import { MembershipRenewal, addDays } from '#dues';
import { eventually, startSmtpCapture, type SmtpCapture } from '#testing';
import { FakeStripe } from './fakes/stripe-server.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { neverChargedTwice as neverChargedTwiceOf, stripeEqualsBooks as stripeEqualsBooksOf, webhookDeliverer } from './support/stripe-checks.js';
import { AccountCode, NOW, PaymentsWorld } from './support/payments-world.js';
import { gql } from './support/gql.js';

const SET_AUTO_RENEW = gql(`mutation AutoRenewSet($membershipId: ID!, $on: Boolean!) { setMembershipAutoRenew(membershipId: $membershipId, on: $on) { id autoRenew } }`);
const PAY = gql(`mutation AutoRenewPayOnline($invoiceId: ID!) { payDuesInvoiceOnline(invoiceId: $invoiceId) { id url } }`);
const CARD = gql(`query AutoRenewSavedCard { mySavedCard { brand last4 expMonth expYear } }`);
const REMOVE_CARD = gql(`mutation AutoRenewRemoveCard { removeMySavedCard }`);
const RUN = gql(`mutation AutoRenewRun($on: String) { runAutoRenewCharges(on: $on) }`);
const ATTEMPTS = gql(`query AutoRenewCharges($invoiceId: ID!) { autoRenewCharges(invoiceId: $invoiceId) { attempt attemptedOn status declineCode paymentId amount { amount currency } } }`);

/** Tokyo noon of a business day. */
const noonOf = (date: string) => new Date(`${date}T03:00:00Z`);

describe('auto-renew: saved cards charged off-session on the due date, declines retried on days 1, 3, 7, authentication by e-mail', () => {
  let t: TestApp;
  let stripe: FakeStripe;
  let capture: SmtpCapture;
  let w: PaymentsWorld;
  let branch: Awaited<ReturnType<PaymentsWorld['branch']>>;

  const deliver = webhookDeliverer(() => t);
  const stripeEqualsBooks = stripeEqualsBooksOf(() => stripe);
  const neverChargedTwice = neverChargedTwiceOf(() => stripe);

  beforeAll(async () => {
    capture = await startSmtpCapture();
    stripe = await new FakeStripe().start();
    t = await TestApp.start({ worker: true, now: NOW, env: { ...stripe.env, SMTP_URL: capture.url, MAIL_FROM: 'no-reply@rentai.example.jp' } });
    stripe.setClock(() => Math.floor(t.clock!.now().getTime() / 1000));
    stripe.deliverTo(deliver);
    w = await PaymentsWorld.create(t);
    branch = await w.branch();
  });

  afterEach(async () => {
    await eventually(async () => (await t.db.query(`SELECT count(*)::int AS n FROM stripe_events WHERE status = 'RECEIVED'`))[0].n === 0);
    await ledgerBalances(t);
    await stripeEqualsBooks(t);
    await neverChargedTwice(t);
    t.clock!.set(NOW);
  });

  afterAll(async () => {
    try {
      await checkThenClose(t, ledgerBalances, stripeEqualsBooks, neverChargedTwice);
    } finally {
      await stripe.stop();
      await capture.close();
    }
  });

  /**
   * A member who switched auto-renew on and paid their first invoice by card at Checkout (the card
   * saved), then got the renewal invoice of the next period (due on 1 April 2027).
   */
  async function renewing(options: { locale?: 'ja' | 'en' } = {}) {
    const m = await w.memberWithInvoice(branch.id);
    const member = await t.signIn(Role.MEMBER, { memberId: m.memberId });
    if (options.locale) await t.db.query(`UPDATE users SET locale = $2 WHERE id = $1`, [member.userId, options.locale]);
    const on = await t.gql(SET_AUTO_RENEW, { membershipId: m.membershipId, on: true }, { token: member.token });
    expect(on.data?.setMembershipAutoRenew).toEqual({ id: m.membershipId, autoRenew: true });
    await t.gql(PAY, { invoiceId: m.invoiceId }, { token: member.token });
    const [session] = stripe.sessions().filter((s) => s.client_reference_id === m.invoiceId);
    await stripe.completeCheckout(session.id, 'card');
    await eventually(async () => (await w.invoice(m.invoiceId)).status === 'PAID');
    await eventually(async () => (await t.gql(CARD, {}, { token: member.token })).data?.mySavedCard);
    const [{ period_end }] = await t.db.query(`SELECT to_char(period_end, 'YYYY-MM-DD') AS period_end FROM memberships WHERE id = $1`, [m.membershipId]);
    const renewal = await t.app.get(MembershipRenewal).issueRenewalInvoice(SYSTEM_ACTOR, m.membershipId, addDays(period_end, 1));
    const [{ pm }] = await t.db.query(`SELECT payment_method_id AS pm FROM stripe_saved_cards WHERE member_id = $1`, [m.memberId]);
    return { ...m, member, renewalId: renewal.id, renewalNumber: renewal.number, dueOn: renewal.dueOn, amount: Number(renewal.amount), paymentMethodId: pm as string };
  }

  /** The worker's run for `on` (queued as an admin would), finished when its job's work is visible. */
  async function runOn(on: string, done: () => Promise<unknown>) {
    t.clock!.set(noonOf(on));
    const res = await t.gql(RUN, { on }, { token: await admin() });
    expect(res.errors).toBeUndefined();
    await eventually(done, { attempts: 200 });
  }

  /** Tokens signed at the clock's current instant (the tests move it to the due date, past the sessions signed before). */
  const admin = async () => (await t.signIn(Role.FEDERATION_ADMIN)).token;
  const memberToken = async (memberId: string) => (await t.signIn(Role.MEMBER, { memberId })).token;
  const attempts = async (invoiceId: string, memberId: string) => (await t.gql(ATTEMPTS, { invoiceId }, { token: await memberToken(memberId) })).data!.autoRenewCharges;
  const mailsTo = (email: string) => capture.messages.filter((m) => m.envelope.to.includes(email));
  const paymentsOf = async (invoiceId: string) =>
    t.db.query(`SELECT p.method, p.amount::int AS amount, p.fee::int AS fee, p.reference FROM payment_allocations a JOIN payments p ON p.id = a.payment_id WHERE a.invoice_id = $1 AND p.status = 'RECORDED'`, [invoiceId]);

  it('switching auto-renew on makes the Checkout save the card; the member sees brand, last 4 and expiry; only they (or branch staff) may switch it', async () => {
    const m = await w.memberWithInvoice(branch.id);
    const member = await t.signIn(Role.MEMBER, { memberId: m.memberId });
    const other = await t.signIn(Role.MEMBER, { memberId: (await w.memberWithInvoice(branch.id)).memberId });
    const elsewhere = await w.branch();

    expect((await t.gql(SET_AUTO_RENEW, { membershipId: m.membershipId, on: true }, { token: other.token })).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(SET_AUTO_RENEW, { membershipId: m.membershipId, on: true }, { token: elsewhere.treasurer })).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(SET_AUTO_RENEW, { membershipId: m.membershipId, on: true }, { token: (await t.signIn(Role.AUDITOR)).token })).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(SET_AUTO_RENEW, { membershipId: 'not-a-uuid', on: true }, { token: member.token })).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await t.db.query(`SELECT auto_renew FROM memberships WHERE id = $1`, [m.membershipId]))[0].auto_renew).toBe(false);

    // Off: the Checkout saves nothing.
    await t.gql(PAY, { invoiceId: m.invoiceId }, { token: member.token });
    expect(stripe.sessions().filter((s) => s.client_reference_id === m.invoiceId)[0].payment_method_options.card).toBeUndefined();

    expect((await t.gql(SET_AUTO_RENEW, { membershipId: m.membershipId, on: true }, { token: branch.treasurer })).data?.setMembershipAutoRenew.autoRenew).toBe(true);
    expect((await t.gql(SET_AUTO_RENEW, { membershipId: m.membershipId, on: false }, { token: member.token })).data?.setMembershipAutoRenew.autoRenew).toBe(false);
    expect((await t.gql(SET_AUTO_RENEW, { membershipId: m.membershipId, on: true }, { token: member.token })).data?.setMembershipAutoRenew.autoRenew).toBe(true);
    expect(await t.db.query(`SELECT before, after FROM audit_events WHERE action = 'membership.autoRenew' AND entity_id = $1 ORDER BY occurred_at`, [m.membershipId])).toHaveLength(3);

    // On: a new Checkout (the old one still payable has no card option: expire it first) saves the card for off-session use.
    const [old] = stripe.sessions().filter((s) => s.client_reference_id === m.invoiceId);
    await stripe.expireSession(old.id);
    await eventually(async () => (await t.db.query(`SELECT status FROM online_checkouts WHERE session_id = $1`, [old.id]))[0].status === 'EXPIRED');
    await t.gql(PAY, { invoiceId: m.invoiceId }, { token: member.token });
    const session = stripe.sessions().filter((s) => s.client_reference_id === m.invoiceId).at(-1)!;
    expect(session.payment_method_options.card).toEqual({ setup_future_usage: 'off_session' });
    stripe.nextCard = { brand: 'jcb', last4: '0005', exp_month: 3, exp_year: 2031 };
    await stripe.completeCheckout(session.id, 'card');
    stripe.nextCard = { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2030 };
    const card = await eventually(async () => (await t.gql(CARD, {}, { token: member.token })).data?.mySavedCard);
    expect(card).toEqual({ brand: 'jcb', last4: '0005', expMonth: 3, expYear: 2031 });
    expect((await t.gql(CARD, {}, { token: branch.treasurer })).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(CARD, {}, { token: other.token })).data?.mySavedCard).toBeNull();
  });

  it('on the due date the saved card is charged off-session and the payment recorded once (fee from Stripe); runs again charge nothing', async () => {
    const r = await renewing();
    expect(r.dueOn).toBe('2027-04-01');
    // The day before: nothing is due.
    t.clock!.set(noonOf('2027-03-31'));
    await t.gql(RUN, { on: '2027-03-31' }, { token: await admin() });
    await runOn(r.dueOn, async () => (await w.invoice(r.renewalId)).status === 'PAID');
    expect(await paymentsOf(r.renewalId)).toEqual([expect.objectContaining({ method: 'CARD', amount: r.amount, fee: Math.round(r.amount * 0.036) })]);
    const [attempt] = await attempts(r.renewalId, r.memberId);
    expect(attempt).toMatchObject({ attempt: 1, attemptedOn: '2027-04-01', status: 'SUCCEEDED', paymentId: expect.any(String), amount: { amount: r.amount, currency: 'JPY' } });
    expect(await w.membershipStatus(r.membershipId)).toBe('ACTIVE');
    const key = `rentai-autorenew-${r.renewalId}-1`;
    expect(stripe.intentsPerIdempotencyKey().get(key)).toBe(1);
    const intent = [...stripe.objects.values()].find((o) => o.object === 'payment_intent' && o.idempotency_key === key)!;
    expect(intent).toMatchObject({ off_session: true, customer: expect.stringMatching(/^cus_/), payment_method: r.paymentMethodId, metadata: { kind: 'dues-autorenew', invoiceId: r.renewalId } });

    // Twice more on the same day, and the webhook's events again: one payment, one charge.
    const charges = stripe.requests.filter((q) => q.path === '/v1/payment_intents').length;
    await t.gql(RUN, { on: r.dueOn }, { token: await admin() });
    await t.gql(RUN, { on: r.dueOn }, { token: await admin() });
    await stripe.redeliver(stripe.events.filter((e) => e.payload.includes(intent.id)));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(stripe.requests.filter((q) => q.path === '/v1/payment_intents').length).toBe(charges);
    expect(await paymentsOf(r.renewalId)).toHaveLength(1);
  });

  it('a declined card is tried again on days 1, 3 and 7 with an e-mail each time (the member’s language), then no more', async () => {
    const r = await renewing();
    stripe.cardAnswers.set(r.paymentMethodId, 'decline');
    const days = [r.dueOn, addDays(r.dueOn, 1), addDays(r.dueOn, 3), addDays(r.dueOn, 7)];
    for (const [i, day] of days.entries()) {
      // The day between two attempts makes none.
      if (i > 1) {
        t.clock!.set(noonOf(addDays(day, -1)));
        await t.gql(RUN, { on: addDays(day, -1) }, { token: await admin() });
      }
      await runOn(day, async () => mailsTo(r.member.email).filter((m) => m.subject.includes(r.renewalNumber)).length === i + 1);
    }
    await runOn(addDays(r.dueOn, 8), async () => true);
    await t.gql(RUN, { on: addDays(r.dueOn, 8) }, { token: await admin() });
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const list = await attempts(r.renewalId, r.memberId);
    expect(list.map((a) => [a.attempt, a.attemptedOn, a.status, a.declineCode])).toEqual([
      [1, '2027-04-01', 'DECLINED', 'insufficient_funds'],
      [2, '2027-04-02', 'DECLINED', 'insufficient_funds'],
      [3, '2027-04-04', 'DECLINED', 'insufficient_funds'],
      [4, '2027-04-08', 'DECLINED', 'insufficient_funds'],
    ]);
    const mails = mailsTo(r.member.email).filter((m) => m.subject.includes(r.renewalNumber));
    expect(mails).toHaveLength(4);
    expect(mails[0].subject).toBe(`【連帯】会費の自動更新のお支払いができませんでした (${r.renewalNumber})`);
    expect(mails[0].text).toContain('2027-04-02 に同じカードで再度お支払いを試みます');
    expect(mails[2].text).toContain('2027-04-08');
    expect(mails[3].text).toContain('カードでの自動のお支払いはこれで終了します');
    expect(mails[0].text).toContain('会費は消費税の課税対象外(不課税)です'); // the dues' tax notice (消費税法基本通達 5-5-3)
    expect(mails[3].text).toContain(`/portal/invoices/${r.renewalId}`);
    expect(await w.invoice(r.renewalId)).toMatchObject({ status: 'OPEN', outstanding: r.amount });
    expect(await paymentsOf(r.renewalId)).toEqual([]);
    for (let n = 1; n <= 4; n++) expect(stripe.intentsPerIdempotencyKey().get(`rentai-autorenew-${r.renewalId}-${n}`)).toBe(1);
    expect(stripe.intentsPerIdempotencyKey().get(`rentai-autorenew-${r.renewalId}-5`)).toBeUndefined();
  });

  it('a card that needs authentication gets an e-mail (in English for an English reader) with a Checkout link; paying there settles the invoice; no retry', async () => {
    const r = await renewing({ locale: 'en' });
    stripe.cardAnswers.set(r.paymentMethodId, 'authentication_required');
    await runOn(r.dueOn, async () => mailsTo(r.member.email).find((m) => m.subject.includes(r.renewalNumber)));
    const mail = mailsTo(r.member.email).find((m) => m.subject.includes(r.renewalNumber))!;
    expect(mail.subject).toBe(`[Rentai] Please confirm your dues payment (${r.renewalNumber})`);
    const session = stripe.sessions().filter((s) => s.client_reference_id === r.renewalId).at(-1)!;
    expect(mail.text).toContain(session.url);
    expect(mail.text).toContain('Membership dues are outside the scope of Japanese consumption tax');
    expect((await attempts(r.renewalId, r.memberId)).map((a) => a.status)).toEqual(['REQUIRES_ACTION']);
    expect(await w.invoice(r.renewalId)).toMatchObject({ status: 'OPEN' });

    // The next days make no further attempt (the member must act).
    await runOn(addDays(r.dueOn, 1), async () => true);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await attempts(r.renewalId, r.memberId)).toHaveLength(1);

    await stripe.completeCheckout(session.id, 'card');
    await eventually(async () => (await w.invoice(r.renewalId)).status === 'PAID');
    expect(await paymentsOf(r.renewalId)).toEqual([expect.objectContaining({ method: 'CARD', amount: r.amount })]);
  });

  it('auto-renew off, or the card removed, charges nothing; a card saved by a SetupIntent is used from then on', async () => {
    const off = await renewing();
    await t.gql(SET_AUTO_RENEW, { membershipId: off.membershipId, on: false }, { token: off.member.token });
    const removed = await renewing();
    expect((await t.gql(REMOVE_CARD, {}, { token: removed.member.token })).data?.removeMySavedCard).toBe(true);
    expect((await t.gql(CARD, {}, { token: removed.member.token })).data?.mySavedCard).toBeNull();
    expect(stripe.objects.get(removed.paymentMethodId)!.customer).toBeNull();
    expect((await t.gql(REMOVE_CARD, {}, { token: removed.member.token })).data?.removeMySavedCard).toBe(false);
    expect((await t.gql(REMOVE_CARD, {}, { token: branch.treasurer })).errors?.[0].extensions.code).toBe('FORBIDDEN');

    const before = stripe.requests.filter((q) => q.path === '/v1/payment_intents').length;
    await runOn(off.dueOn, async () => true);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(stripe.requests.filter((q) => q.path === '/v1/payment_intents').length).toBe(before);
    expect(await attempts(off.renewalId, off.memberId)).toEqual([]);
    expect(await attempts(removed.renewalId, removed.memberId)).toEqual([]);

    // The member saves a new card (a SetupIntent, e.g. from the portal): the next run charges it.
    const [{ customer_id }] = await t.db.query(`SELECT customer_id FROM stripe_customers WHERE member_id = $1`, [removed.memberId]);
    stripe.nextCard = { brand: 'mastercard', last4: '4444', exp_month: 8, exp_year: 2029 };
    await stripe.succeedSetup(customer_id);
    stripe.nextCard = { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2030 };
    await eventually(async () => (await t.gql(CARD, {}, { token: await memberToken(removed.memberId) })).data?.mySavedCard?.last4 === '4444');
    await runOn(addDays(removed.dueOn, 1), async () => (await w.invoice(removed.renewalId)).status === 'PAID');
    expect((await attempts(removed.renewalId, removed.memberId)).map((a) => [a.attempt, a.status])).toEqual([[1, 'SUCCEEDED']]);
    expect(await w.invoice(off.renewalId)).toMatchObject({ status: 'OPEN' });
    expect(await w.balance(branch.bookId, AccountCode.StripeClearing)).toBeGreaterThan(0n);
  });

  it('only a federation admin runs auto-renew on demand; a bad date is refused on its field', async () => {
    expect((await t.gql(RUN, {}, { token: branch.treasurer })).errors?.[0].extensions.code).toBe('FORBIDDEN');
    const bad = await t.gql(RUN, { on: '2027-02-30' }, { token: w.admin });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'on' })] });
    expect(await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE job_name = 'autorenew.run' AND payload->>'on' = '2027-02-30'`)).toEqual([{ n: 0 }]);
  });

  it('the worker registers the daily run as a BullMQ job scheduler at 06:00 Asia/Tokyo', async () => {
    const queue = t.worker!.get<Queue>(getQueueToken('renewals'));
    const scheduler = await queue.getJobScheduler('autorenew-daily');
    expect(scheduler).toMatchObject({ name: 'autorenew.run', pattern: '0 6 * * *', tz: 'Asia/Tokyo' });
  });
});
