import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#auth';
import { eventually } from '#testing';
import { FakeStripe } from './fakes/stripe-server.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { NOW, PaymentsWorld } from './support/payments-world.js';
import { createPerson } from '#testing';
import { countQueries } from '../libs/testing/src/query-counter.js';
import { CREATE_FUND, GET, GUEST, RECORD, START, accountBalance, stripeClearingInBooks, wireStripe } from './support/donations-world.js';
import { gql, type ResultOf } from './support/gql.js';
import type { CreateFundInput, RecordDonationInput, StartDonationInput } from './support/schema-types.js';
import { neverChargedTwice, stripeEqualsBooks } from './support/stripe-checks.js';

/**
 * One-time donations end to end: guests and members through Stripe Checkout (card, konbini) with
 * the worker processing Stripe's webhooks, treasurer-recorded cash, refunds (ours and the
 * dashboard's), guest rate limits, bad inputs and who may do what. After each: the books balance
 * and the money in Stripe equals Stripe clearing in the books.
 */
/** The worker shares 2 cores with everyone's tests: give it up to 30 s. */
const PATIENT = { attempts: 300, intervalMs: 100 };

const PUBLIC_DONATIONS = gql(`query PublicDonations($fundId: ID!) { publicDonations(fundId: $fundId) { donorName amount { amount } } }`);
const MY_DONATIONS = gql(`query MyDonationStatuses { myDonations { edges { node { id status } } } }`);
const REFUND = gql(`mutation RefundDonation($input: RefundDonationInput!) { refundDonation(input: $input) { id status } }`);
const UPDATE_FUND = gql(`mutation UpdateFund($input: UpdateFundInput!) { updateFund(input: $input) { open nameJa } }`);
const LIST = gql(`query DonationScopes { donations(first: 100) { edges { node { id branchId fundId } } } }`);
const PAGE = gql(`query DonationFundsPage($first: Int) { donations(first: $first) { edges { node { id fund { code nameJa } } } } }`);

type Fund = ResultOf<typeof CREATE_FUND>['createFund'];

describe('donations: funds, online gifts by guests and members, recorded gifts, refunds', () => {
  let t: TestApp;
  let stripe: FakeStripe;
  let w: PaymentsWorld;
  let branch: Awaited<ReturnType<PaymentsWorld['branch']>>;
  let other: Awaited<ReturnType<PaymentsWorld['branch']>>;
  let kodomo: Fund;
  let general: Fund;
  let branchFund: Fund;
  let federationBookId: string;

  beforeAll(async () => {
    stripe = await new FakeStripe().start();
    t = await TestApp.start({ worker: true, now: NOW, env: stripe.env });
    wireStripe(stripe, t);
    w = await PaymentsWorld.create(t);
    branch = await w.branch();
    other = await w.branch();
    federationBookId = await w.federationBookId();
    const fund = async (input: CreateFundInput, token = w.admin) => {
      const res = await t.gql(CREATE_FUND, { input }, { token });
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!.createFund;
    };
    kodomo = await fund({ code: 'KODOMO-SHOKUDO', nameJa: '子ども食堂支援', nameEn: 'Children’s cafeteria support', book: 'FEDERATION', restricted: true });
    general = await fund({ code: 'GENERAL', nameJa: '一般寄附', nameEn: 'General support', book: 'FEDERATION', restricted: false });
    branchFund = await fund({ code: 'BR-PANTRY', nameJa: 'フードパントリー', nameEn: 'Food pantry', book: 'BRANCH', branchId: branch.id, restricted: true });
  });

  afterAll(async () => {
    try {
      await checkThenClose(t, ledgerBalances, stripeEqualsBooks(() => stripe), neverChargedTwice(() => stripe));
    } finally {
      await stripe.stop();
    }
  });

  const sessionOf = (donationId: string) => stripe.sessions().find((s) => s.client_reference_id === donationId)!;
  const settled = (id: string, status = 'SUCCEEDED') =>
    eventually(async () => {
      const [row] = await t.db.query(`SELECT status FROM donations WHERE id = $1`, [id]);
      return row?.status === status && row;
    }, PATIENT);
  const eventPayload = async (key: string) => (await t.db.query(`SELECT payload FROM outbox WHERE job_id = $1`, [`event.${key}`]))[0]?.payload;
  const count = async () => (await t.db.query(`SELECT count(*)::int AS n FROM donations`))[0].n as number;

  it('a guest gives 10,000 yen by card to a restricted fund: one donation, Stripe’s fee, the fund’s own income account, donation.succeeded for receipts', async () => {
    const res = await t.gql(START, { input: { fundId: kodomo.id, amount: 10_000, guest: GUEST, receiptPreference: 'PER_GIFT', anonymous: true } }, { ip: '198.51.100.1' });
    expect(res.errors).toBeUndefined();
    const started = res.data!.startDonation;
    expect(started).toMatchObject({ status: 'PENDING', memberId: null, amount: { amount: 10_000, currency: 'JPY' }, anonymous: true, channel: 'ONLINE' });
    expect(started.checkoutUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/checkout\/cs_test_/);
    const session = sessionOf(started.id);
    expect(session.metadata).toMatchObject({ purpose: 'donation', donationId: started.id });
    expect(session.customer).toBeNull();

    await stripe.completeCheckout(session.id, 'card');
    await settled(started.id);
    const [d] = await t.db.query(`SELECT fee::int, method, received_on::text, journal_entry_id FROM donations WHERE id = $1`, [started.id]);
    expect(d).toMatchObject({ fee: 360, method: 'CARD', received_on: '2026-06-15' });
    // Dr Stripe clearing 9,640 + fees 360 / Cr 指定寄附金収入 10,000 under the fund's code, in the federation book.
    expect(await accountBalance(t, federationBookId, '4300', 'KODOMO-SHOKUDO')).toBe(-10_000);
    expect(await accountBalance(t, federationBookId, '1300')).toBe(9_640);
    expect(await accountBalance(t, federationBookId, '5200')).toBe(360);

    const [donor] = await t.db.query(`SELECT id, email_normalized, name_kanji, name_kana FROM donors WHERE id = $1`, [started.donorId]);
    expect(donor).toMatchObject({ email_normalized: 'hanako.sato@example.jp', name_kanji: '佐藤 花子', name_kana: 'サトウ ハナコ' });
    expect(await eventPayload(`donation-succeeded.${started.id}`)).toEqual({
      event: 'donation.succeeded',
      key: `donation-succeeded.${started.id}`,
      payload: {
        donationId: started.id, donorId: donor.id, memberId: null, bookId: federationBookId, fundId: kodomo.id, fundNameJa: '子ども食堂支援', fundNameEn: 'Children’s cafeteria support',
        restricted: true, amountYen: 10_000, receivedOn: '2026-06-15', receiptPreference: 'PER_GIFT', monthlyGiftId: null, donorNameKanji: '佐藤 花子', donorNameKana: 'サトウ ハナコ',
        donorEmail: 'Hanako.Sato@Example.jp', donorPostalCode: '150-0001', donorAddress: '東京都渋谷区神宮前1-2-3', language: 'en',
      },
    });
    // The same events again change nothing.
    await stripe.redeliver(stripe.events.filter((e) => e.payload.includes(started.id)));
    await t.flushOutbox();
    expect((await t.db.query(`SELECT count(*)::int AS n FROM journal_entries WHERE source_id = $1`, [started.id]))[0].n).toBe(1);

    // The same guest again (other case, spaces): the same donor.
    const again = await t.gql(START, { input: { fundId: general.id, amount: 2000, guest: { ...GUEST, email: 'hanako.sato@EXAMPLE.jp' } } }, { ip: '198.51.100.1' });
    expect(again.data!.startDonation.donorId).toBe(donor.id);
    expect(await stripeClearingInBooks(t)).toBe(stripe.balance());
  });

  it('public lists show an anonymous donor as 匿名 / Anonymous', async () => {
    const res = await t.gql(PUBLIC_DONATIONS, { fundId: kodomo.id }, { locale: 'ja' });
    expect(res.data!.publicDonations).toEqual([{ donorName: '匿名', amount: { amount: 10_000 } }]);
  });

  it('a member gives at the konbini: awaiting payment with the voucher’s expiry, then recorded; one Stripe customer; credited to the member’s branch; myDonations', async () => {
    const m = await createPerson(t.app, { branchId: branch.id });
    const member = await t.signIn(Role.MEMBER, { memberId: m.id });
    const res = await t.gql(START, { input: { fundId: general.id, amount: 5000, receiptPreference: 'ANNUAL' } }, { token: member.token, locale: 'ja' });
    expect(res.errors).toBeUndefined();
    const started = res.data!.startDonation;
    expect(started).toMatchObject({ memberId: m.id, branchId: branch.id, receiptPreference: 'ANNUAL' });
    const session = sessionOf(started.id);
    const [customer] = await t.db.query(`SELECT customer_id FROM stripe_customers WHERE member_id = $1`, [m.id]);
    expect(session.customer).toBe(customer.customer_id);

    await stripe.completeCheckout(session.id, 'konbini');
    const awaiting = await settled(started.id, 'AWAITING_KONBINI');
    expect(awaiting).toBeTruthy();
    const shown = (await t.gql(GET, { id: started.id }, { token: member.token })).data!.donation;
    expect(shown).toMatchObject({ status: 'AWAITING_KONBINI', method: 'KONBINI', konbiniExpiresAt: '2026-06-22T14:59:59.000Z' });

    await stripe.payKonbini(session.id);
    await settled(started.id);
    expect((await t.gql(GET, { id: started.id }, { token: member.token })).data!.donation).toMatchObject({ status: 'SUCCEEDED', fee: { amount: 190 } });
    const payload = (await eventPayload(`donation-succeeded.${started.id}`)).payload;
    expect(payload).toMatchObject({ memberId: m.id, restricted: false, receiptPreference: 'ANNUAL', language: 'ja', donorNameKanji: m.name });

    // A second gift reuses the customer.
    await t.gql(START, { input: { fundId: kodomo.id, amount: 1000 } }, { token: member.token });
    expect(await t.db.query(`SELECT 1 FROM stripe_customers WHERE member_id = $1`, [m.id])).toHaveLength(1);
    const mine = (await t.gql(MY_DONATIONS, {}, { token: member.token })).data!.myDonations.edges;
    expect(mine).toHaveLength(2);
    expect(mine[1].node).toEqual({ id: started.id, status: 'SUCCEEDED' });
    expect(await stripeClearingInBooks(t)).toBe(stripe.balance());
  });

  it('a konbini voucher that expires unpaid, and a Checkout page left to expire: EXPIRED, nothing booked', async () => {
    const entries = async () => (await t.db.query(`SELECT count(*)::int AS n FROM journal_entries`))[0].n;
    const before = await entries();
    const voucher = (await t.gql(START, { input: { fundId: general.id, amount: 3000, guest: { ...GUEST, email: 'konbini@example.jp' } } }, { ip: '198.51.100.20' })).data!.startDonation;
    await stripe.completeCheckout(sessionOf(voucher.id).id, 'konbini');
    await settled(voucher.id, 'AWAITING_KONBINI');
    await stripe.expireKonbini(sessionOf(voucher.id).id);
    await settled(voucher.id, 'EXPIRED');
    const page = (await t.gql(START, { input: { fundId: general.id, amount: 3000, guest: { ...GUEST, email: 'left@example.jp' } } }, { ip: '198.51.100.21' })).data!.startDonation;
    await stripe.expireSession(sessionOf(page.id).id);
    await settled(page.id, 'EXPIRED');
    expect(await entries()).toBe(before);
    expect(await eventPayload(`donation-succeeded.${voucher.id}`)).toBeUndefined();
  });

  it('refunds: ours partly, then the rest from the Stripe dashboard — the ledger reversed for each part, the donation REFUNDED, donation.refunded each time', async () => {
    const started = (await t.gql(START, { input: { fundId: kodomo.id, amount: 10_000, guest: { ...GUEST, email: 'refund@example.jp' } } }, { ip: '198.51.100.7' })).data!.startDonation;
    const session = sessionOf(started.id);
    await stripe.completeCheckout(session.id, 'card');
    await settled(started.id);
    const incomeBefore = await accountBalance(t, federationBookId, '4300', 'KODOMO-SHOKUDO');

    // A treasurer of a branch has no say over a federation fund's gift.
    const denied = await t.gql(REFUND, { input: { donationId: started.id, amount: 1000, reason: 'x', idempotencyKey: 'k0' } }, { token: branch.treasurer });
    expect(denied.errors?.[0].extensions.code).toMatch(/FORBIDDEN|NOT_FOUND/);
    const tooMuch = await t.gql(REFUND, { input: { donationId: started.id, amount: 10_001, reason: 'x', idempotencyKey: 'k1' } }, { token: w.admin });
    expect(tooMuch.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REFUND_EXCEEDS_REFUNDABLE', fields: [{ field: 'amount' }] });

    const first = await t.gql(REFUND, { input: { donationId: started.id, amount: 4000, reason: '寄附者の依頼', idempotencyKey: 'refund-1' } }, { token: w.admin });
    expect(first.errors).toBeUndefined();
    // The same request again makes no second refund.
    await t.gql(REFUND, { input: { donationId: started.id, amount: 4000, reason: '寄附者の依頼', idempotencyKey: 'refund-1' } }, { token: w.admin });
    await settled(started.id, 'PARTIALLY_REFUNDED');
    expect(stripe.sessions().length).toBeGreaterThan(0);
    expect([...stripe.objects.values()].filter((o) => o.object === 'refund' && o.payment_intent === session.payment_intent)).toHaveLength(1);
    expect((await accountBalance(t, federationBookId, '4300', 'KODOMO-SHOKUDO')) - incomeBefore).toBe(4000);
    expect(await stripeClearingInBooks(t)).toBe(stripe.balance());

    await stripe.dashboardRefund(session.payment_intent);
    await settled(started.id, 'REFUNDED');
    expect((await t.gql(GET, { id: started.id }, { token: w.admin })).data!.donation.refunded).toEqual({ amount: 10_000 });
    expect((await accountBalance(t, federationBookId, '4300', 'KODOMO-SHOKUDO')) - incomeBefore).toBe(10_000);
    const refunded = await t.db.query(`SELECT payload->'payload' AS p FROM outbox WHERE job_id LIKE $1 ORDER BY id`, [`event.donation-refunded.${started.id}.%`]);
    expect(refunded.map((r: { p: unknown }) => r.p)).toEqual([
      { donationId: started.id, refundedAmountYen: 4000, fullyRefunded: false },
      { donationId: started.id, refundedAmountYen: 10_000, fullyRefunded: true },
    ]);
    // charge.refunded again books nothing more.
    await stripe.redeliver(stripe.events.filter((e) => e.type === 'charge.refunded' && e.payload.includes(String(session.payment_intent))));
    await new Promise((r) => setTimeout(r, 500));
    expect((await t.db.query(`SELECT count(*)::int AS n FROM donation_refunds WHERE donation_id = $1`, [started.id]))[0].n).toBe(2);
    expect(await stripeClearingInBooks(t)).toBe(stripe.balance());
  });

  it('guests are rate-limited per e-mail and per IP (TOO_MANY_REQUESTS, nothing made); members are not', async () => {
    const give = (email: string, ip: string) => t.gql(START, { input: { fundId: general.id, amount: 1000, guest: { ...GUEST, email } } }, { ip });
    for (let i = 0; i < 3; i++) expect((await give('tester@example.jp', `203.0.113.${10 + i}`)).errors).toBeUndefined();
    const before = { donations: await count(), sessions: stripe.sessions().length };
    const perEmail = await give('TESTER@example.jp', '203.0.113.99');
    expect(perEmail.errors?.[0].extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'DONATION_RATE_LIMITED' });
    for (let i = 0; i < 5; i++) expect((await give(`card-${i}@example.jp`, '192.0.2.50')).errors).toBeUndefined();
    const perIp = await give('someone-else@example.jp', '192.0.2.50');
    expect(perIp.errors?.[0].extensions.code).toBe('TOO_MANY_REQUESTS');
    expect(await count()).toBe(before.donations + 5);
    expect(stripe.sessions().length).toBe(before.sessions + 5);
  });

  it('failed guest card payments spiking send one alert to the federation admins', async () => {
    const admin = await t.signIn(Role.FEDERATION_ADMIN, { email: 'alerts-admin@test.rentai.jp' });
    expect(admin).toBeTruthy();
    for (let i = 0; i < 5; i++) {
      const d = (await t.gql(START, { input: { fundId: general.id, amount: 1000, guest: { ...GUEST, email: `spike-${i}@example.jp` } } }, { ip: `198.18.0.${i}` })).data!.startDonation;
      await stripe.declineCheckoutCard(sessionOf(d.id).id);
    }
    const [{ admins }] = await t.db.query(`SELECT count(DISTINCT user_id)::int AS admins FROM role_grants WHERE role = 'FEDERATION_ADMIN'`);
    const alerts = await eventually(async () => {
      const rows = await t.db.query(`SELECT to_address FROM email_messages WHERE template = 'donation-failure-spike'`);
      return rows.length === admins && rows;
    });
    expect(alerts.map((r: { to_address: string }) => r.to_address)).toContain('alerts-admin@test.rentai.jp');
    const n = alerts.length;
    // A sixth failure in the same window sends nothing more.
    const d = (await t.gql(START, { input: { fundId: general.id, amount: 1000, guest: { ...GUEST, email: 'spike-6@example.jp' } } }, { ip: '198.18.0.9' })).data!.startDonation;
    await stripe.declineCheckoutCard(sessionOf(d.id).id);
    await new Promise((r) => setTimeout(r, 800));
    expect((await t.db.query(`SELECT count(*)::int AS n FROM email_messages WHERE template = 'donation-failure-spike'`))[0].n).toBe(n);
  });

  it('bad inputs: a clear field-level error each, nothing made and nothing asked of Stripe', async () => {
    const before = { donations: await count(), sessions: stripe.sessions().length };
    const cases: [StartDonationInput, string, string | undefined][] = [
      [{ fundId: general.id, amount: 5000 }, 'input.guest', 'GUEST_DETAILS_REQUIRED'],
      [{ fundId: general.id, amount: 999, guest: GUEST }, 'input.amount', 'DONATION_BELOW_MINIMUM'],
      [{ fundId: general.id, amount: 2_000_000, guest: GUEST }, 'input.amount', 'DONATION_ABOVE_MAXIMUM'],
      [{ fundId: general.id, amount: 0, guest: GUEST }, 'input.amount', undefined],
      [{ fundId: general.id, amount: 5000, guest: { ...GUEST, nameKana: 'さとう' } }, 'input.guest.nameKana', undefined],
      [{ fundId: general.id, amount: 5000, guest: { ...GUEST, email: 'not-an-email' } }, 'input.guest.email', undefined],
      [{ fundId: general.id, amount: 5000, guest: { ...GUEST, postalCode: '15-1' } }, 'input.guest.postalCode', undefined],
      [{ fundId: '00000000-0000-4000-8000-000000000000', amount: 5000, guest: GUEST }, 'input.fundId', 'FUND_NOT_FOUND'],
      [{ fundId: general.id, amount: 5000, guest: GUEST, branchId: '00000000-0000-4000-8000-000000000000' }, 'input.branchId', 'BRANCH_NOT_FOUND'],
    ];
    for (const [input, field, reason] of cases) {
      const res = await t.gql(START, { input }, { ip: '100.64.0.1' });
      const error = res.errors?.[0];
      expect(error?.extensions.code).toBe('BAD_USER_INPUT');
      if (reason) expect(error?.extensions.reason).toBe(reason);
      expect(error?.extensions.fields?.map((f) => f.field)).toContain(field);
    }
    const closed = await t.gql(CREATE_FUND, { input: { code: 'CLOSED', nameJa: '終了した基金', nameEn: 'Closed fund', book: 'FEDERATION', restricted: false } }, { token: w.admin });
    await t.gql(UPDATE_FUND, { input: { id: closed.data!.createFund.id, open: false } }, { token: w.admin });
    const res = await t.gql(START, { input: { fundId: closed.data!.createFund.id, amount: 5000, guest: GUEST } }, { ip: '100.64.0.2' });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FUND_CLOSED', fields: [{ field: 'input.fundId' }] });
    expect(await count()).toBe(before.donations);
    expect(stripe.sessions().length).toBe(before.sessions);

    const fundCases: [CreateFundInput, string, string | undefined][] = [
      [{ code: 'bad code', nameJa: 'x', nameEn: 'x', book: 'FEDERATION', restricted: true }, 'input.code', undefined],
      [{ code: 'KODOMO-SHOKUDO', nameJa: 'x', nameEn: 'x', book: 'FEDERATION', restricted: true }, 'input.code', 'FUND_CODE_TAKEN'],
      [{ code: 'NO-BRANCH', nameJa: 'x', nameEn: 'x', book: 'BRANCH', restricted: true }, 'input.branchId', 'FUND_BRANCH_REQUIRED'],
      [{ code: 'FED-BRANCH', nameJa: 'x', nameEn: 'x', book: 'FEDERATION', branchId: branch.id, restricted: true }, 'input.branchId', 'FUND_BRANCH_NOT_ALLOWED'],
    ];
    const funds = (await t.db.query(`SELECT count(*)::int AS n FROM funds`))[0].n;
    for (const [input, field, reason] of fundCases) {
      const error = (await t.gql(CREATE_FUND, { input }, { token: w.admin })).errors?.[0];
      expect(error?.extensions.code).toBe('BAD_USER_INPUT');
      if (reason) expect(error?.extensions.reason).toBe(reason);
      expect(error?.extensions.fields?.map((f) => f.field)).toContain(field);
    }
    expect((await t.db.query(`SELECT count(*)::int AS n FROM funds`))[0].n).toBe(funds);
  });

  it('a treasurer records cash for their branch’s fund (Dr cash / Cr the fund’s income); a retry is the same donation; future dates and other branches refused', async () => {
    const input: RecordDonationInput = { fundId: branchFund.id, amount: 3000, method: 'CASH', receivedOn: '2026-06-14', donor: { nameKanji: '山本 一郎', nameKana: 'ヤマモト イチロウ' }, idempotencyKey: 'cash-envelope-1' };
    const res = await t.gql(RECORD, { input }, { token: branch.treasurer });
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordDonation).toMatchObject({ status: 'SUCCEEDED', method: 'CASH', channel: 'RECORDED', branchId: branch.id, receivedOn: '2026-06-14', fee: { amount: 0 } });
    expect(await accountBalance(t, branch.bookId, '1100')).toBe(3000);
    expect(await accountBalance(t, branch.bookId, '4300', 'BR-PANTRY')).toBe(-3000);
    const again = await t.gql(RECORD, { input }, { token: branch.treasurer });
    expect(again.data!.recordDonation.id).toBe(res.data!.recordDonation.id);
    expect(await accountBalance(t, branch.bookId, '1100')).toBe(3000);

    const before = await count();
    const future = await t.gql(RECORD, { input: { ...input, idempotencyKey: null, receivedOn: '2026-06-16' } }, { token: branch.treasurer });
    expect(future.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.receivedOn' }] });
    const noDonor = await t.gql(RECORD, { input: { ...input, idempotencyKey: null, donor: null } }, { token: branch.treasurer });
    expect(noDonor.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DONOR_REQUIRED' });
    const badMethod = await t.gql(RECORD, { input: { ...input, idempotencyKey: null, method: 'CARD' } }, { token: branch.treasurer });
    expect(badMethod.errors?.[0].extensions.fields?.map((f) => f.field)).toContain('input.method');
    const otherTreasurer = await t.gql(RECORD, { input: { ...input, idempotencyKey: null } }, { token: other.treasurer });
    expect(otherTreasurer.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const federationFund = await t.gql(RECORD, { input: { ...input, fundId: kodomo.id, idempotencyKey: null } }, { token: branch.treasurer });
    expect(federationFund.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
  });

  it('who may do what: funds by federation and branch admins, lists scoped to branches, online mutations need Stripe', async () => {
    const branchAdmin = await t.signIn(Role.BRANCH_ADMIN, { branchIds: [branch.id] });
    const auditor = await t.signIn(Role.AUDITOR);
    const m = await createPerson(t.app, { branchId: other.id });
    const member = await t.signIn(Role.MEMBER, { memberId: m.id });
    const own = await t.gql(CREATE_FUND, { input: { code: 'BR-OWN', nameJa: '支部基金', nameEn: 'Branch fund', book: 'BRANCH', branchId: branch.id, restricted: false } }, { token: branchAdmin.token });
    expect(own.errors).toBeUndefined();
    for (const [token, input] of [
      [branchAdmin.token, { code: 'BR-OTHER', nameJa: 'x', nameEn: 'x', book: 'BRANCH', branchId: other.id, restricted: false }],
      [branchAdmin.token, { code: 'FED-X', nameJa: 'x', nameEn: 'x', book: 'FEDERATION', restricted: false }],
      [branch.treasurer, { code: 'TR-X', nameJa: 'x', nameEn: 'x', book: 'BRANCH', branchId: branch.id, restricted: false }],
      [auditor.token, { code: 'AU-X', nameJa: 'x', nameEn: 'x', book: 'FOUNDATION', restricted: false }],
      [member.token, { code: 'ME-X', nameJa: 'x', nameEn: 'x', book: 'FOUNDATION', restricted: false }],
    ] as const) {
      expect((await t.gql(CREATE_FUND, { input }, { token })).errors?.[0].extensions.code).toBe('FORBIDDEN');
    }
    const rename = await t.gql(UPDATE_FUND, { input: { id: kodomo.id, nameJa: '変更' } }, { token: branchAdmin.token });
    expect(rename.errors?.[0].extensions.code).toBe('FORBIDDEN');

    const all = (await t.gql(LIST, {}, { token: auditor.token })).data!.donations.edges.length;
    expect(all).toBeGreaterThan(5);
    const mine = (await t.gql(LIST, {}, { token: branch.treasurer })).data!.donations.edges.map((e) => e.node);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((d) => d.branchId === branch.id || d.fundId === branchFund.id)).toBe(true);
    const otherList = (await t.gql(LIST, {}, { token: other.treasurer })).data!.donations.edges.map((e) => e.node);
    expect(otherList.some((d) => d.branchId === branch.id)).toBe(false);
    expect((await t.gql(LIST, {}, { token: member.token })).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(LIST, {})).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    // Someone else's donation is not found, not forbidden (nothing is revealed).
    const someone = mine[0].id;
    expect((await t.gql(GET, { id: someone }, { token: member.token })).errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await t.gql(GET, { id: someone }, { token: other.treasurer })).errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it('a page of donations with each one’s fund runs a fixed number of statements (funds batched)', async () => {
    const counter = countQueries(t.db);
    const res = await t.gql(PAGE, { first: 30 }, { token: w.admin });
    counter.stop();
    expect(res.errors).toBeUndefined();
    expect(res.data!.donations.edges.length).toBeGreaterThan(10);
    expect(new Set(res.data!.donations.edges.map((e) => e.node.fund.code)).size).toBeGreaterThan(1);
    const small = countQueries(t.db);
    await t.gql(PAGE, { first: 2 }, { token: w.admin });
    small.stop();
    expect(counter.work.length).toBe(small.work.length);
    expect(counter.work.filter((q) => /FROM funds WHERE id = ANY/.test(q))).toHaveLength(1);
  });

  it('without STRIPE_SECRET_KEY online gifts answer “online payments are not configured”, recorded gifts still work', async () => {
    const offline = await TestApp.start({ now: NOW, env: { STRIPE_SECRET_KEY: '', STRIPE_WEBHOOK_SECRET: '', STRIPE_API_URL: '' } });
    try {
      const admin = await offline.signIn(Role.FEDERATION_ADMIN);
      const f = (await offline.gql(CREATE_FUND, { input: { code: 'OFF', nameJa: '基金', nameEn: 'Fund', book: 'FEDERATION', restricted: false } }, { token: admin.token })).data!.createFund;
      const ja = await offline.gql(START, { input: { fundId: f.id, amount: 5000, guest: GUEST } }, { locale: 'ja' });
      expect(ja.errors?.[0]).toMatchObject({ message: 'オンライン決済は設定されていません', extensions: { code: 'CONFLICT', reason: 'ONLINE_PAYMENTS_NOT_CONFIGURED' } });
      const recorded = await offline.gql(RECORD, { input: { fundId: f.id, amount: 1000, method: 'BANK_TRANSFER', receivedOn: '2026-06-15', donor: { nameKanji: '振込 太郎' } } }, { token: admin.token });
      expect(recorded.data!.recordDonation.status).toBe('SUCCEEDED');
      expect((await offline.db.query(`SELECT count(*)::int AS n FROM donations WHERE status = 'PENDING'`))[0].n).toBe(0);
    } finally {
      await checkThenClose(offline, ledgerBalances);
    }
  });
});

