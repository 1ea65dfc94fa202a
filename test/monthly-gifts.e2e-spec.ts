import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Role } from '#auth';
import { Money } from '#core';
import { MonthlyGiftCharging, chargeKey } from '#donations';
import { OffSessionCharges } from '#payments';
import { createPerson, eventually, startSmtpCapture, type SmtpCapture } from '#testing';
import { FakeStripe } from './fakes/stripe-server.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { NOW, PaymentsWorld } from './support/payments-world.js';
import { CREATE_FUND, accountBalance, stripeClearingInBooks, wireStripe } from './support/donations-world.js';
import { neverChargedTwice, stripeEqualsBooks } from './support/stripe-checks.js';
import { gql, type ResultOf } from './support/gql.js';

const START = gql(`mutation MonthlyGiftsStart($input: StartMonthlyGiftInput!) { startMonthlyGift(input: $input) {
  id fundId memberId branchId amount { amount } status dayOfMonth nextChargeOn checkoutUrl pausedReason charges { period attempts status nextRetryOn donationId } } }`);
const GET = gql(`query MonthlyGiftsGet($id: ID!) { monthlyGift(id: $id) {
  id fundId memberId branchId amount { amount } status dayOfMonth nextChargeOn checkoutUrl pausedReason charges { period attempts status nextRetryOn donationId } } }`);
const PAUSE = gql(`mutation MonthlyGiftsPause($id: ID!) { pauseMonthlyGift(id: $id) {
  id fundId memberId branchId amount { amount } status dayOfMonth nextChargeOn checkoutUrl pausedReason charges { period attempts status nextRetryOn donationId } } }`);
const RESUME = gql(`mutation MonthlyGiftsResume($id: ID!) { resumeMonthlyGift(id: $id) {
  id fundId memberId branchId amount { amount } status dayOfMonth nextChargeOn checkoutUrl pausedReason charges { period attempts status nextRetryOn donationId } } }`);
const CANCEL = gql(`mutation MonthlyGiftsCancel($id: ID!) { cancelMonthlyGift(id: $id) {
  id fundId memberId branchId amount { amount } status dayOfMonth nextChargeOn checkoutUrl pausedReason charges { period attempts status nextRetryOn donationId } } }`);
const CHANGE = gql(`mutation MonthlyGiftsChangeAmount($id: ID!, $amount: Amount!) { changeMonthlyGiftAmount(id: $id, amount: $amount) { amount { amount } } }`);

/** Tokyo noon of a day. */
const noon = (date: string) => new Date(`${date}T03:00:00Z`);

/**
 * Monthly gifts end to end with the worker and the fake Stripe: the first month through Checkout
 * (which saves the card), then the job scheduler's scan and one off-session charge per gift and
 * month; declines retried on days 1, 3 and 7 with an e-mail each time, then paused; a card that
 * needs authentication; a worker killed between charging and recording; pause, resume, change,
 * cancel by role. After each: the books balance and Stripe equals the books.
 */
/** The worker shares 2 cores with everyone's tests: give it up to 30 s. */
const PATIENT = { attempts: 300, intervalMs: 100 };

describe('monthly gifts on a saved card: three months, a declined charge and its retries', () => {
  let t: TestApp;
  let stripe: FakeStripe;
  let capture: SmtpCapture;
  let w: PaymentsWorld;
  let branch: Awaited<ReturnType<PaymentsWorld['branch']>>;
  let fund: ResultOf<typeof CREATE_FUND>['createFund'];
  let federationBookId: string;

  beforeAll(async () => {
    stripe = await new FakeStripe().start();
    capture = await startSmtpCapture();
    t = await TestApp.start({ worker: true, now: NOW, env: { ...stripe.env, SMTP_URL: capture.url, MAIL_FROM: 'no-reply@rentai.example.jp' } });
    wireStripe(stripe, t);
    w = await PaymentsWorld.create(t);
    branch = await w.branch();
    federationBookId = await w.federationBookId();
    fund = (await t.gql(CREATE_FUND, { input: { code: 'FOOD-PANTRY', nameJa: 'フードパントリー', nameEn: 'Food pantry', book: 'FEDERATION', restricted: true } }, { token: w.admin })).data!.createFund;
  });

  afterAll(async () => {
    try {
      await checkThenClose(t, ledgerBalances, stripeEqualsBooks(() => stripe), neverChargedTwice(() => stripe));
    } finally {
      await stripe.stop();
      await capture.close();
    }
  });

  const charging = () => t.worker!.get(MonthlyGiftCharging);
  const on = async (date: string) => t.clock!.set(noon(date));
  /** The daily scheduled scan, run now; then wait for the charges it queued. */
  const scan = async () => {
    const { queued } = await charging().scan();
    await t.flushOutbox();
    return queued;
  };
  /** A member's token signed now (the clock moves by months; sessions do not last that long). */
  const fresh = async (member: { memberId: string }) => (await t.signIn(Role.MEMBER, { memberId: member.memberId })).token;
  const gift = async (id: string, member: { memberId: string }) => {
    const res = await t.gql(GET, { id }, { token: await fresh(member) });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.monthlyGift;
  };
  const chargeOf = (id: string, member: { memberId: string }, period: string, status: string, attempts?: number) =>
    eventually(async () => {
      const g = await gift(id, member);
      const c = g.charges.find((x) => x.period === period);
      return c?.status === status && (attempts === undefined || c.attempts === attempts) && g;
    }, PATIENT);

  async function activeGift(amount = 3000) {
    const m = await createPerson(t.app, { branchId: branch.id });
    const member = { ...(await t.signIn(Role.MEMBER, { memberId: m.id })), memberId: m.id };
    const res = await t.gql(START, { input: { fundId: fund.id, amount, receiptPreference: 'ANNUAL' } }, { token: member.token, locale: 'ja' });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    const started = res.data!.startMonthlyGift;
    const session = stripe.sessions().find((s) => s.client_reference_id === started.id)!;
    await stripe.completeCheckout(session.id, 'card');
    const active = await eventually(async () => {
      const g = await gift(started.id, member);
      return g.status === 'ACTIVE' && g.charges.length === 1 && g.charges[0].status === 'SUCCEEDED' && g;
    }, PATIENT);
    const customer = (await t.db.query(`SELECT customer_id FROM stripe_customers WHERE member_id = $1`, [m.id]))[0].customer_id;
    const [pm] = stripe.savedPaymentMethods(customer);
    return { m, member, gift: active, session, pm, email: m.email! };
  }

  it('the scheduler is registered daily at 09:00 Asia/Tokyo', async () => {
    const queue = t.worker!.get<Queue>(getQueueToken('maintenance'), { strict: false });
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'monthly-gifts.scan', pattern: '0 0 9 * * *', tz: 'Asia/Tokyo' })]));
  });

  it('three months: paid at Checkout (card saved), July declined twice then paid on its day-3 retry with an e-mail per decline, August paid; once each', async () => {
    await on('2026-06-15');
    const { gift: g, member, session, pm, email } = await activeGift(3000);
    expect(g).toMatchObject({ amount: { amount: 3000 }, dayOfMonth: 15, nextChargeOn: '2026-07-15', charges: [{ period: '2026-06', attempts: 1, status: 'SUCCEEDED' }] });
    const intent = stripe.objects.get(session.payment_intent)!;
    expect(intent.setup_future_usage).toBe('off_session');
    expect(pm).toBeTruthy();
    const [first] = await t.db.query(`SELECT channel, status, monthly_gift_id, receipt_preference FROM donations WHERE monthly_gift_id = $1`, [g.id]);
    expect(first).toMatchObject({ channel: 'MONTHLY', status: 'SUCCEEDED', receipt_preference: 'ANNUAL' });

    // Not due before its day.
    await on('2026-07-14');
    expect(await scan()).toBe(0);

    stripe.failNextOffSession(pm.id, 'card_declined', 'card_declined');
    await on('2026-07-15');
    expect(await scan()).toBe(1);
    let now = await chargeOf(g.id, member, '2026-07', 'DECLINED', 1);
    expect(now.charges[1].nextRetryOn).toBe('2026-07-16');
    const mail1 = await capture.waitFor((m) => m.to.includes(email) && m.subject.includes('決済ができませんでした'));
    expect(mail1.text).toContain('2026-07-16 にもう一度決済を試みます');
    // The same day again queues nothing.
    expect(await scan()).toBe(0);

    await on('2026-07-16');
    expect(await scan()).toBe(1);
    now = await chargeOf(g.id, member, '2026-07', 'DECLINED', 2);
    expect(now.charges[1].nextRetryOn).toBe('2026-07-18');
    await capture.waitFor((m) => m.to.includes(email) && m.text.includes('2026-07-18'));

    await on('2026-07-17');
    expect(await scan()).toBe(0);
    await on('2026-07-18');
    expect(await scan()).toBe(1);
    await chargeOf(g.id, member, '2026-07', 'SUCCEEDED', 3);
    // Read again: the gift and its months are two statements, and the charge commits between them.
    expect((await gift(g.id, member)).nextChargeOn).toBe('2026-08-15');

    await on('2026-08-15');
    expect(await scan()).toBe(1);
    await chargeOf(g.id, member, '2026-08', 'SUCCEEDED', 1);
    expect((await gift(g.id, member)).nextChargeOn).toBe('2026-09-15');

    const donations = await t.db.query(`SELECT amount::int, fee::int, received_on::text AS on, status FROM donations WHERE monthly_gift_id = $1 ORDER BY received_on`, [g.id]);
    expect(donations).toEqual([
      { amount: 3000, fee: 108, on: '2026-06-15', status: 'SUCCEEDED' },
      { amount: 3000, fee: 108, on: '2026-07-18', status: 'SUCCEEDED' },
      { amount: 3000, fee: 108, on: '2026-08-15', status: 'SUCCEEDED' },
    ]);
    // Stripe made five payment intents on the card after Checkout's (two declined, …): two succeeded; none twice.
    const intents = [...stripe.objects.values()].filter((o) => o.object === 'payment_intent' && o.metadata?.monthlyGiftId === g.id);
    expect(intents.filter((i) => i.status === 'succeeded')).toHaveLength(3);
    expect(intents).toHaveLength(5);
    expect(await accountBalance(t, federationBookId, '4300', 'FOOD-PANTRY')).toBe(-9000);
    const events = await t.db.query(`SELECT payload->'payload'->>'monthlyGiftId' AS g FROM outbox WHERE job_id LIKE 'event.donation-succeeded.%' AND payload->'payload'->>'monthlyGiftId' = $1`, [g.id]);
    expect(events).toHaveLength(3);
    expect(await stripeClearingInBooks(t)).toBe(stripe.balance());
  });

  it('declined on the day and on days 1, 3 and 7: four e-mails, then the gift pauses; resumed, it is charged from the next charge day', async () => {
    await on('2026-09-10');
    const { gift: g, member, pm, email } = await activeGift(2000);
    stripe.failNextOffSession(pm.id, 'card_declined', 'card_declined', 'card_declined', 'card_declined');
    const days = ['2026-10-10', '2026-10-11', '2026-10-13', '2026-10-17'];
    for (const [i, day] of days.entries()) {
      await on(day);
      expect(await scan()).toBeGreaterThanOrEqual(1);
      await chargeOf(g.id, member, '2026-10', i < 3 ? 'DECLINED' : 'GAVE_UP', i + 1);
    }
    const paused = await eventually(async () => {
      const now = await gift(g.id, member);
      return now.status === 'PAUSED' && now;
    }, PATIENT);
    expect(paused).toMatchObject({ status: 'PAUSED', pausedReason: 'DECLINED', nextChargeOn: '2026-11-10' });
    await capture.waitFor((m) => m.to.includes(email) && m.subject.includes('一時停止'));
    const mails = await t.db.query(`SELECT count(*)::int AS n FROM email_messages WHERE template = 'monthly-gift-declined' AND to_address = $1`, [email]);
    expect(mails[0].n).toBe(4);
    await on('2026-11-10');
    expect(await scan()).toBe(0);

    await on('2026-11-20');
    const resumed = (await t.gql(RESUME, { id: g.id }, { token: await fresh(member) })).data!.resumeMonthlyGift;
    expect(resumed).toMatchObject({ status: 'ACTIVE', nextChargeOn: '2026-12-10' });
    await on('2026-12-10');
    expect(await scan()).toBeGreaterThanOrEqual(1);
    await chargeOf(g.id, member, '2026-12', 'SUCCEEDED');
    expect(await stripeClearingInBooks(t)).toBe(stripe.balance());
  });

  it('a card that needs authentication: an e-mail with a link to confirm; once confirmed, the month is recorded', async () => {
    await on('2026-06-20');
    const { gift: g, member, pm, email } = await activeGift(5000);
    stripe.failNextOffSession(pm.id, 'authentication_required');
    await on('2026-07-20');
    expect(await scan()).toBeGreaterThanOrEqual(1);
    await chargeOf(g.id, member, '2026-07', 'REQUIRES_ACTION');
    expect((await gift(g.id, member)).nextChargeOn).toBe('2026-08-20');
    const mail = await capture.waitFor((m) => m.to.includes(email) && m.subject.includes('決済確認'));
    const [charge] = await t.db.query(`SELECT payment_intent_id FROM monthly_gift_charges WHERE monthly_gift_id = $1 AND period = '2026-07'`, [g.id]);
    expect(mail.text).toContain(`/portal/donations/monthly/${g.id}/confirm?payment_intent=${charge.payment_intent_id}`);
    await stripe.authenticate(charge.payment_intent_id);
    await chargeOf(g.id, member, '2026-07', 'SUCCEEDED');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM donations WHERE monthly_gift_id = $1 AND status = 'SUCCEEDED'`, [g.id]))[0].n).toBe(2);
  });

  it('a worker killed between Stripe’s charge and the record: the retried job gets Stripe’s first answer back and the month is recorded once', async () => {
    await on('2026-06-25');
    const { gift: g, member } = await activeGift(4000);
    await on('2026-07-25');
    const [row] = await t.db.query(`SELECT customer_id, payment_method_id FROM monthly_gifts WHERE id = $1`, [g.id]);
    // What the first run did before it died: claimed the attempt (committed), then charged the card.
    await t.db.query(`INSERT INTO monthly_gift_charges (monthly_gift_id, period, attempts, amount, status, first_attempt_on) VALUES ($1, '2026-07', 1, 4000, 'CHARGING', '2026-07-25')`, [g.id]);
    stripe.deliverTo(async () => 200); // its webhook lost too
    const charged = await t.app.get(OffSessionCharges).charge({
      customerId: row.customer_id, paymentMethodId: row.payment_method_id, amount: Money.of(4000n, 'JPY'), idempotencyKey: chargeKey(g.id, '2026-07', 1),
      metadata: { purpose: 'donation', monthlyGiftId: g.id, period: '2026-07', attempt: '1' },
      description: `毎月の寄附 Monthly gift 2026-07`,
    });
    expect(charged.status).toBe('succeeded');
    wireStripe(stripe, t);
    // BullMQ retries the job: the same attempt, the same key.
    expect(await charging().charge({ monthlyGiftId: g.id, period: '2026-07', attempt: 1 })).toBe('charged');
    expect(await charging().charge({ monthlyGiftId: g.id, period: '2026-07', attempt: 1 })).toBe('skipped');
    const intents = [...stripe.objects.values()].filter((o) => o.object === 'payment_intent' && o.metadata?.monthlyGiftId === g.id && o.metadata?.period === '2026-07');
    expect(intents).toHaveLength(1);
    expect((await gift(g.id, member)).charges[1]).toMatchObject({ period: '2026-07', status: 'SUCCEEDED' });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM donations WHERE monthly_gift_id = $1`, [g.id]))[0].n).toBe(2);
    expect(await stripeClearingInBooks(t)).toBe(stripe.balance());
  });

  it('pause, change the amount, cancel: the donor, a federation admin, the credited branch’s admin; nobody else', async () => {
    await on('2026-06-15');
    const { gift: g, member } = await activeGift(1000);
    const stranger = await t.signIn(Role.MEMBER, { memberId: (await createPerson(t.app, { branchId: branch.id })).id });
    const auditor = await t.signIn(Role.AUDITOR);
    const otherBranch = await w.branch();
    const otherAdmin = await t.signIn(Role.BRANCH_ADMIN, { branchIds: [otherBranch.id] });
    const branchAdmin = await t.signIn(Role.BRANCH_ADMIN, { branchIds: [branch.id] });
    expect((await t.gql(PAUSE, { id: g.id }, { token: stranger.token })).errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await t.gql(PAUSE, { id: g.id }, { token: otherAdmin.token })).errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await t.gql(PAUSE, { id: g.id }, { token: auditor.token })).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(PAUSE, { id: g.id }, { token: branch.treasurer })).errors?.[0].extensions.code).toBe('FORBIDDEN');

    expect((await t.gql(PAUSE, { id: g.id }, { token: member.token })).data!.pauseMonthlyGift.status).toBe('PAUSED');
    expect((await t.gql(PAUSE, { id: g.id }, { token: member.token })).errors?.[0].extensions.reason).toBe('MONTHLY_GIFT_STATUS');
    expect((await t.gql(RESUME, { id: g.id }, { token: branchAdmin.token })).data!.resumeMonthlyGift.status).toBe('ACTIVE');
    const low = await t.gql(CHANGE, { id: g.id, amount: 100 }, { token: member.token });
    expect(low.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DONATION_BELOW_MINIMUM', fields: [{ field: 'amount' }] });
    expect((await gift(g.id, member)).amount.amount).toBe(1000);
    expect((await t.gql(CHANGE, { id: g.id, amount: 1500 }, { token: member.token })).data!.changeMonthlyGiftAmount.amount.amount).toBe(1500);
    expect((await t.gql(CANCEL, { id: g.id }, { token: w.admin })).data!.cancelMonthlyGift).toMatchObject({ status: 'CANCELLED', nextChargeOn: null });
    const guest = await t.gql(START, { input: { fundId: fund.id, amount: 1000 } });
    expect(guest.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const staff = await t.gql(START, { input: { fundId: fund.id, amount: 1000 } }, { token: branch.treasurer });
    expect(staff.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const small = await t.gql(START, { input: { fundId: fund.id, amount: 499 } }, { token: member.token });
    expect(small.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.amount' }] });
  });
});
