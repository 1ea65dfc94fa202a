import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Role, SYSTEM_ACTOR } from '#auth';
import { Money, TransactionService } from '#core';
import { PaymentMethod, PaymentRecording } from '#payments';
import { RENEWAL_SCHEDULER_ID, RenewalReminders, RenewalRun } from '#renewals';
import { MembershipService, RenewalIssuance, addDays } from '#dues';
import { AccountCode, BookService } from '#ledger';
import { countQueries, createBranch, createOrganization, createPerson, eventually, lockWaiters, startSmtpCapture, type SmtpCapture } from '#testing';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { TestApp } from './support/test-app.js';
import { gql, type ResultOf, type TypedDocument } from './support/gql.js';
import type { CreateDuesPlanInput, RunRenewalsInput } from './support/schema-types.js';

/** Tokyo noon, 15 June 2026. */
const NOW = new Date('2026-06-15T03:00:00Z');
const TODAY = '2026-06-15';
const tokyoNoon = (date: string) => new Date(`${date}T03:00:00Z`);

const RUN = gql(`mutation RenewalsRun($input: RunRenewalsInput) { runRenewals(input: $input) { asOf branchId started fiscalYearInvoices renewalInvoices intoGrace lapsed remindersSent } }`);
const MEMBERSHIP = gql(`query RenewalsMembership($id: ID!) { membership(id: $id) { id status periodStart periodEnd paidThrough
  history { fromStatus toStatus event effectiveOn }
  upcomingRenewal { renewsOn endsOn graceEndsOn amount { amount currency } method invoiceId invoiceNumber dueOn invoicedOn
    remindersSent { kind sentOn } nextStepOn nextStep nextStepJa nextStepEn } } }`);
const MEMBERSHIPS = gql(`query RenewalsMemberships($branchId: ID) { memberships(branchId: $branchId, first: 50) { edges { node { id status upcomingRenewal { renewsOn amount { amount } method remindersSent { kind } nextStep } } } } }`);
const RECORD = gql(`mutation RenewalsRecordPayment($input: RecordPaymentInput!) { recordPayment(input: $input) { id status } }`);
const CREATE_PLAN = gql(`mutation RenewalsCreatePlan($input: CreateDuesPlanInput!) { createDuesPlan(input: $input) { id } }`);
const JOIN = gql(`mutation RenewalsJoin($input: JoinMembershipInput!) { joinMembership(input: $input) { membership { id } invoice { id amount { amount } } } }`);
const RECOGNITION = gql(`mutation RenewalsRecognitionPolicy($policy: DuesRecognitionPolicy!) { setDuesRecognitionPolicy(policy: $policy) { federation } }`);
const AUTO_RENEW = gql(`mutation RenewalsAutoRenew($id: ID!) { setMembershipAutoRenew(membershipId: $id, on: true) { id } }`);
const UPDATE_ORGANIZATION = gql(`mutation RenewalsUpdateOrganization($id: ID!, $input: UpdateOrganizationMemberInput!) { updateOrganizationMember(id: $id, input: $input) { id } }`);

const ok = async <Result, Variables>(t: TestApp, document: TypedDocument<Result, Variables>, variables: Variables, token: string, locale: 'ja' | 'en' = 'en') => {
  const res = await t.gql(document, variables, { token, locale });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!;
};

/** A member of `branchId` who joined on `joinedOn` (the clock set to that day meanwhile), the first invoice paid in full that day unless `paid` is false. */
/** `withoutAddress`: an organization with no e-mail address (a person always has one), for an organizations' plan. */
interface JoinedMemberOptions {
  paid?: boolean;
  locale?: 'en';
  withoutAddress?: boolean;
}

async function joinedMember(t: TestApp, admin: string, branchId: string, planId: string, joinedOn: string, options: JoinedMemberOptions = {}) {
  const now = t.clock!.now();
  t.clock!.set(tokyoNoon(joinedOn));
  try {
    const person = options.withoutAddress ? await createOrganization(t.app, { branchId, joinedOn, email: null }) : await createPerson(t.app, { branchId, joinedOn });
    const joined = (await ok(t, JOIN, { input: { memberId: person.id, planId } }, admin)).joinMembership;
    if (options.paid !== false) {
      const amount = joined.invoice.amount.amount;
      const allocations = [{ invoiceId: joined.invoice.id, amount }];
      await ok(t, RECORD, { input: { memberId: person.id, method: 'CASH', amount: { amount, currency: 'JPY' }, receivedOn: t.clock!.today(), allocations } }, admin);
    }
    if (options.locale) {
      const user = await t.signIn(Role.MEMBER, { memberId: person.id });
      await t.db.query(`UPDATE users SET locale = $2 WHERE id = $1`, [user.userId, options.locale]);
    }
    return { memberId: person.id, email: person.email!, name: person.name, membershipId: joined.membership.id, firstInvoiceId: joined.invoice.id };
  } finally {
    t.clock!.set(now);
  }
}

describe('renewals: renewal invoices, reminders by e-mail, grace, lapse and reinstatement, upcomingRenewal', () => {
  let t: TestApp;
  let capture: SmtpCapture;
  let admin: string;
  let tky: { id: string; code: string };
  let osk: { id: string; code: string };
  let annual: string;
  let fiscal: string;

  const gqlOk = <Result, Variables>(document: TypedDocument<Result, Variables>, variables: Variables, token: string, locale: 'ja' | 'en' = 'en') => ok(t, document, variables, token, locale);
  const plan = async (input: CreateDuesPlanInput) => (await gqlOk(CREATE_PLAN, { input }, admin)).createDuesPlan.id;
  const member = (branchId: string, planId: string, joinedOn: string, options: JoinedMemberOptions = {}) => joinedMember(t, admin, branchId, planId, joinedOn, options);
  const pay = async (memberId: string, invoiceId: string, amount: number) =>
    gqlOk(RECORD, { input: { memberId, method: 'CASH', amount: { amount, currency: 'JPY' }, receivedOn: t.clock!.today(), allocations: [{ invoiceId, amount }] } }, admin);
  const membership = async (id: string, token = admin, locale: 'ja' | 'en' = 'en') => (await gqlOk(MEMBERSHIP, { id }, token, locale)).membership;
  const invoicesOf = async (membershipId: string) =>
    (await t.db.query(`SELECT id, number, period_start::text, period_end::text, amount::int, status FROM dues_invoices WHERE membership_id = $1 ORDER BY period_start`, [membershipId])) as {
      id: string; number: string; period_start: string; period_end: string; amount: number; status: string;
    }[];
  /** The renewal reminders that reached the SMTP server for this address (receipts for payments go there too). */
  const mailsTo = (email: string) => capture.messages.filter((m) => m.envelope.to.includes(email) && /会費更新|会員資格の期間|猶予期間|renewal|membership period|grace period/.test(m.subject));
  const allSent = () => eventually(async () => ((await t.db.query(`SELECT count(*)::int AS n FROM email_messages WHERE status <> 'SENT'`))[0].n === 0 ? true : null), { attempts: 300, intervalMs: 100 });
  /** Moves the clock to noon of `date` in Tokyo; sessions last 12 hours, so the admin signs in again. */
  const setDay = async (date: string) => {
    t.clock!.set(tokyoNoon(date));
    admin = (await t.signIn(Role.FEDERATION_ADMIN)).token;
  };
  const run = async (token = admin, input?: RunRenewalsInput) => (await gqlOk(RUN, { input }, token)).runRenewals;

  let a: Awaited<ReturnType<typeof member>>;
  let b: Awaited<ReturnType<typeof member>>;
  let c: Awaited<ReturnType<typeof member>>;
  let d: Awaited<ReturnType<typeof member>>;
  let e: Awaited<ReturnType<typeof member>>;
  let far: Awaited<ReturnType<typeof member>>;
  let first: ResultOf<typeof RUN>['runRenewals'];

  beforeAll(async () => {
    capture = await startSmtpCapture();
    t = await TestApp.start({ worker: true, now: NOW, env: { SMTP_URL: capture.url } });
    admin = (await t.signIn(Role.FEDERATION_ADMIN)).token;
    tky = await createBranch(t.app, { code: 'TKY', nameJa: '東京支部', nameEn: 'Tokyo' });
    osk = await createBranch(t.app, { code: 'OSK', nameJa: '大阪支部', nameEn: 'Osaka' });
    const common = { memberKind: 'PERSON', amount: 6000, federationShareKind: 'BASIS_POINTS', federationShareValue: 3000, graceDays: 30 } as const;
    annual = await plan({ ...common, code: 'IND-ANN', nameJa: '個人会員 (加入日更新)', nameEn: 'Individual (anniversary)', periodMode: 'ANNIVERSARY' });
    fiscal = await plan({ ...common, code: 'IND-FY', nameJa: '個人会員 (年度)', nameEn: 'Individual (fiscal year)', periodMode: 'FISCAL_YEAR' });

    a = await member(tky.id, annual, '2025-07-10'); // ends 2026-07-09: within 30 days → invoiced, the 30-day reminder (ja)
    b = await member(tky.id, annual, '2025-07-10', { locale: 'en' }); // the same, in English
    c = await member(tky.id, annual, '2025-06-12'); // ended 2026-06-11 unpaid → GRACE, the reminder of the day (4 days late: runs were missed)
    d = await member(osk.id, annual, '2025-05-01'); // ended 2026-04-30, grace ran out on 2026-05-30 → LAPSED
    e = await member(tky.id, fiscal, '2025-04-01'); // fiscal year 2025 paid, 2026 never invoiced: invoiced now, and its grace ran out on 2026-04-30 → LAPSED
    far = await member(tky.id, annual, '2025-12-01'); // ends 2026-11-30: nothing yet
    first = await run();
    await t.flushOutbox();
    await allSent();
  });
  afterAll(async () => {
    await checkThenClose(t, ledgerBalances);
    await capture?.close();
  });

  it('the worker registers the daily run as the renewals.run job scheduler, 05:00 Asia/Tokyo by default', async () => {
    const queue = t.worker!.get<Queue>(getQueueToken('renewals'), { strict: false });
    expect(await queue.getJobScheduler(RENEWAL_SCHEDULER_ID)).toMatchObject({ name: 'renewals.run', pattern: '0 5 * * *', tz: 'Asia/Tokyo' });
  });

  it('issues the next period’s invoice 30 days before a period ends (anniversary: the day after the period, for a year); on receipt, nothing posted', async () => {
    expect(first).toMatchObject({ asOf: TODAY, branchId: null, renewalInvoices: 4, fiscalYearInvoices: 1, intoGrace: 3, lapsed: 2 });
    const [, renewal] = await invoicesOf(a.membershipId);
    expect(renewal).toMatchObject({ period_start: '2026-07-10', period_end: '2027-07-09', amount: 6000, status: 'OPEN' });
    expect(renewal.number).toMatch(/^TKY-2026-\d{6}$/);
    expect(await invoicesOf(far.membershipId)).toHaveLength(1);
    // Dues are recognised on receipt by default: a renewal invoice is a claim, the ledger moves when it is paid.
    expect((await t.db.query(`SELECT count(*)::int AS n FROM journal_entries WHERE idempotency_key LIKE 'dues-run:renewals:%' OR idempotency_key LIKE $1`, [`%${renewal.id}%`]))[0].n).toBe(0);
    expect((await membership(a.membershipId)).periodStart).toBe('2026-07-10');
  });

  it('a period ended unpaid moves the membership to GRACE; grace run out moves it to LAPSED (both in the history)', async () => {
    expect((await membership(c.membershipId)).status).toBe('GRACE');
    const lapsed = await membership(d.membershipId);
    expect(lapsed.status).toBe('LAPSED');
    expect(lapsed.history.slice(-2)).toEqual([
      { fromStatus: 'ACTIVE', toStatus: 'GRACE', event: 'PERIOD_ENDED_UNPAID', effectiveOn: '2026-05-01' },
      { fromStatus: 'GRACE', toStatus: 'LAPSED', event: 'GRACE_EXPIRED', effectiveOn: '2026-05-31' },
    ]);
    expect((await membership(a.membershipId)).status).toBe('ACTIVE');
  });

  it('sends each reminder due by e-mail in the member’s language, plain text and HTML', async () => {
    const [ja] = mailsTo(a.email);
    const [renewal] = (await invoicesOf(a.membershipId)).slice(-1);
    expect(ja.subject).toBe(`【連帯】会費更新のお知らせ (${renewal.number})`);
    expect(ja.text).toContain(`${a.name} 様`);
    expect(ja.text).toContain('2026-07-09 に終了します (あと30日)');
    expect(ja.text).toContain('￥6,000');
    expect(ja.html).toContain('<p>');
    // The dues notice tells the member that dues are outside consumption tax (消費税法基本通達 5-5-3).
    expect(ja.text).toContain('会費は消費税の課税対象外(不課税)です(消費税法基本通達5-5-3)');
    expect(ja.html).toContain('不課税');
    const [en] = mailsTo(b.email);
    expect(en.subject).toMatch(/^\[Rentai\] Your membership renewal \(TKY-2026-\d{6}\)$/);
    expect(en.text).toContain('ends on 2026-07-09 (in 30 days)');
    expect(en.text).toContain('Membership dues are outside the scope of Japanese consumption tax (not taxable; Basic Circular 5-5-3).');
    const [dayOf] = mailsTo(c.email);
    expect(dayOf.subject).toMatch(/^【連帯】本日で会員資格の期間が終了します/);
    expect(mailsTo(far.email)).toEqual([]);
    expect(mailsTo(d.email)).toEqual([]); // lapsed: no reminder
    expect(mailsTo(e.email)).toEqual([]);
    expect(first.remindersSent).toBe(3); // a, b (30 days before), c (the day it ended: in grace)
    expect((await membership(e.membershipId)).status).toBe('LAPSED');
    // Each reminder points at its e-mail (the id written with the reminder is the message's).
    const links = await t.db.query(
      `SELECT r.membership_id, e.idempotency_key = 'renewal-reminder:' || r.membership_id || ':' || r.period_start || ':' || r.kind AS matches
         FROM renewal_reminders r LEFT JOIN email_messages e ON e.id = r.email_id WHERE r.membership_id = ANY($1::uuid[]) ORDER BY r.membership_id`,
      [[a.membershipId, b.membershipId, c.membershipId]],
    );
    expect(links).toEqual([a, b, c].map((m) => ({ membership_id: m.membershipId, matches: true })).sort((x, y) => x.membership_id.localeCompare(y.membership_id)));
  });

  it('a second run the same day changes nothing and sends nothing', async () => {
    const counts = async () => (await t.db.query(`SELECT (SELECT count(*) FROM dues_invoices)::int AS invoices, (SELECT count(*) FROM renewal_reminders)::int AS reminders, (SELECT count(*) FROM email_messages)::int AS emails, (SELECT count(*) FROM membership_status_changes)::int AS changes`))[0];
    const before = await counts();
    expect(await run()).toMatchObject({ started: 0, fiscalYearInvoices: 0, renewalInvoices: 0, intoGrace: 0, lapsed: 0, remindersSent: 0 });
    await t.flushOutbox();
    await allSent();
    expect(await counts()).toEqual(before);
    expect(mailsTo(a.email)).toHaveLength(1);
  });

  it('two runs at once (gateway and worker, two connection pools) issue each invoice and reminder once; on accrual, one summary entry per branch and run', async () => {
    await gqlOk(RECOGNITION, { policy: 'ACCRUAL' }, admin);
    const fresh = [];
    for (let i = 0; i < 5; i++) fresh.push(await member(tky.id, annual, '2025-07-01'));
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM dues_invoices`))[0].n;
    const [one, two] = await Promise.all([t.app.get(RenewalRun).run(SYSTEM_ACTOR), t.worker!.get(RenewalRun).run(SYSTEM_ACTOR)]);
    expect(one.renewalInvoices + two.renewalInvoices).toBe(5);
    expect(one.remindersSent + two.remindersSent).toBe(5);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM dues_invoices`))[0].n).toBe(before + 5);
    for (const f of fresh) expect((await invoicesOf(f.membershipId)).map((i) => i.period_start)).toEqual(['2025-07-01', '2026-07-01']);
    await t.flushOutbox();
    await allSent();
    for (const f of fresh) expect(mailsTo(f.email)).toHaveLength(1);
    const runEntries = await t.db.query(`SELECT e.idempotency_key, sum(l.amount) FILTER (WHERE l.side = 'DEBIT')::int AS debit FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id WHERE e.idempotency_key LIKE 'dues-run:renewals:%' GROUP BY 1 ORDER BY 1`);
    expect(runEntries).toHaveLength(2); // the branch book's summary entry and the federation book's mirror, once however many runs
    expect(runEntries.map((r: { debit: number }) => r.debit)).toEqual([30000, 9000]); // the branch's receivable in full; the federation's 30 % share
    await gqlOk(RECOGNITION, { policy: 'ON_RECEIPT' }, admin);
  });

  it('on accrual, runRenewals through GraphQL posts one summary entry per branch and run (Dr 未収会費 / Cr 会費収入 / Cr 他会計未払金) and the federation’s mirror, naming the run and its number range', async () => {
    expect((await gqlOk(RECOGNITION, { policy: 'ACCRUAL' }, admin)).setDuesRecognitionPolicy.federation).toBe('ACCRUAL');
    const tkyMembers = [await member(tky.id, annual, '2025-07-03'), await member(tky.id, annual, '2025-07-03')];
    const oskMembers = [await member(osk.id, annual, '2025-07-03')];
    const entriesBefore: { id: string }[] = await t.db.query(`SELECT id FROM journal_entries WHERE idempotency_key LIKE 'dues-run:renewals:%'`);
    const ran = await run();
    expect(ran.renewalInvoices).toBe(3);
    const renewalOf = async (m: { membershipId: string }) => (await invoicesOf(m.membershipId)).at(-1)!.number;
    const tkyNumbers = (await Promise.all(tkyMembers.map(renewalOf))).sort();
    const [oskNumber] = await Promise.all(oskMembers.map(renewalOf));
    const books = t.app.get(BookService);
    const [tkyBook, oskBook, federationBook] = [(await books.bookForBranch(tky.id)).id, (await books.bookForBranch(osk.id)).id, (await books.federationBook()).id];
    const entries: { id: string; book_id: string; memo: string; entry_date: string }[] = await t.db.query(
      `SELECT id, book_id, memo, entry_date::text FROM journal_entries WHERE idempotency_key LIKE 'dues-run:renewals:%' AND NOT (id = ANY($1::uuid[])) ORDER BY idempotency_key`,
      [entriesBefore.map((e) => e.id)],
    );
    const linesOf = async (entryId: string) =>
      t.db.query(
        `SELECT a.code, l.side, l.amount::int AS amount, l.counterparty_book_id FROM journal_lines l JOIN accounts a ON a.id = l.account_id WHERE l.entry_id = $1 ORDER BY l.line_no`,
        [entryId],
      );
    // Two branches in this run: each branch's summary entry and its mirror in the federation's book, four in all.
    expect(entries.map((e) => e.book_id).sort()).toEqual([tkyBook, oskBook, federationBook, federationBook].sort());
    const [tkyEntry] = entries.filter((e) => e.book_id === tkyBook);
    const [oskEntry] = entries.filter((e) => e.book_id === oskBook);
    expect(tkyEntry.entry_date).toBe(ran.asOf);
    expect(tkyEntry.memo).toBe(`会費更新 ${ran.asOf} ${tkyNumbers[0]}〜${tkyNumbers[1]} (2件) / Dues renewals ${ran.asOf} ${tkyNumbers[0]}–${tkyNumbers[1]} (2)`);
    expect(oskEntry.memo).toContain(`${oskNumber}〜${oskNumber} (1件)`);
    // 2 × ¥6,000, 30 % to the federation: Dr 未収会費 12,000 / Cr 会費収入 8,400 / Cr 他会計未払金 3,600 (naming the federation's book).
    expect(await linesOf(tkyEntry.id)).toEqual([
      { code: AccountCode.DuesReceivable, side: 'DEBIT', amount: 12000, counterparty_book_id: null },
      { code: AccountCode.DuesIncome, side: 'CREDIT', amount: 8400, counterparty_book_id: null },
      { code: AccountCode.DueToOtherBooks, side: 'CREDIT', amount: 3600, counterparty_book_id: federationBook },
    ]);
    expect(await linesOf(oskEntry.id)).toEqual([
      { code: AccountCode.DuesReceivable, side: 'DEBIT', amount: 6000, counterparty_book_id: null },
      { code: AccountCode.DuesIncome, side: 'CREDIT', amount: 4200, counterparty_book_id: null },
      { code: AccountCode.DueToOtherBooks, side: 'CREDIT', amount: 1800, counterparty_book_id: federationBook },
    ]);
    // The federation's mirrors: Dr 他会計未収金 (naming the branch) / Cr 会費収入, with the same memo.
    const mirrors = entries.filter((e) => e.book_id === federationBook);
    for (const [branchBook, entry, share] of [[tkyBook, tkyEntry, 3600], [oskBook, oskEntry, 1800]] as const) {
      const mirror = mirrors.find((m) => m.memo === entry.memo);
      expect(mirror).toBeDefined();
      expect(await linesOf(mirror!.id)).toEqual([
        { code: AccountCode.DueFromOtherBooks, side: 'DEBIT', amount: share, counterparty_book_id: branchBook },
        { code: AccountCode.DuesIncome, side: 'CREDIT', amount: share, counterparty_book_id: null },
      ]);
    }
    await t.flushOutbox();
    await allSent();
    await gqlOk(RECOGNITION, { policy: 'ON_RECEIPT' }, admin);
  });

  it('a payment at any later time reinstates a lapsed membership for the period paid', async () => {
    const [, renewal] = await invoicesOf(d.membershipId);
    await pay(d.memberId, renewal.id, renewal.amount);
    const reinstated = await membership(d.membershipId);
    expect(reinstated).toMatchObject({ status: 'ACTIVE', paidThrough: '2027-04-30' });
    expect(reinstated.history.at(-1)).toMatchObject({ fromStatus: 'LAPSED', toStatus: 'ACTIVE', event: 'PAID_IN_FULL' });
  });

  it('upcomingRenewal: date, amount, method, reminders sent and what happens next, in the caller’s language', async () => {
    const open = (await membership(a.membershipId)).upcomingRenewal!;
    const [, renewal] = await invoicesOf(a.membershipId);
    expect(open).toMatchObject({
      renewsOn: '2026-07-10', endsOn: '2026-07-09', graceEndsOn: '2026-08-08', amount: { amount: 6000, currency: 'JPY' }, method: 'BANK_TRANSFER',
      invoiceId: renewal.id, invoiceNumber: renewal.number, invoicedOn: '2026-06-09', remindersSent: [{ kind: 'DAYS_30', sentOn: TODAY }], nextStepOn: '2026-07-02',
    });
    expect(open.nextStep).toContain('Next: the 7-day reminder on 2026-07-02');
    expect(open.nextStepJa).toContain('2026-07-02 に7日前のお知らせ');
    expect((await membership(a.membershipId, admin, 'ja')).upcomingRenewal!.nextStep).toBe(open.nextStepJa);
    const grace = (await membership(c.membershipId)).upcomingRenewal!;
    expect(grace.nextStep).toContain('In grace: unless ¥6,000 is paid by 2026-07-11, the membership lapses on 2026-07-12');
    const notYet = (await membership(far.membershipId)).upcomingRenewal!;
    expect(notYet).toMatchObject({ renewsOn: '2026-12-01', invoiceId: null, invoicedOn: '2026-10-31', amount: { amount: 6000 }, remindersSent: [] });
    expect(notYet.nextStep).toBe('The invoice for the period from 2026-12-01 (¥6,000) is issued on 2026-10-31.');
    // Auto-renew on (the autorenew branch's flag): the method is the saved card, charged on the due date.
    await gqlOk(AUTO_RENEW, { id: b.membershipId }, admin);
    const auto = (await membership(b.membershipId)).upcomingRenewal!;
    expect(auto.method).toBe('AUTO_RENEW_CARD');
    expect(auto.nextStep).toMatch(/^Auto-renew: ¥6,000 \(invoice TKY-2026-\d{6}\) is charged to the saved card on 2026-07-15/); // its due date: 30 days after issue
    // The member reads their own.
    const self = await t.signIn(Role.MEMBER, { memberId: a.memberId });
    expect((await membership(a.membershipId, self.token)).upcomingRenewal!.renewsOn).toBe('2026-07-10');
  });

  it('upcomingRenewal on a list is batched: the same number of statements for 2 memberships as for all of them', async () => {
    const statements = async (branchId: string) => {
      const counter = countQueries(t.db);
      const data = await gqlOk(MEMBERSHIPS, { branchId }, admin);
      counter.stop();
      return { n: counter.work.length, nodes: data.memberships.edges.length };
    };
    await member(osk.id, annual, '2025-07-10');
    await run(admin, { branchId: osk.id });
    const few = await statements(osk.id);
    const many = await statements(tky.id);
    expect(many.nodes).toBeGreaterThan(few.nodes + 5);
    expect(many.n).toBe(few.n);
  });

  it('who may run renewals: federation admins (all or one branch), a branch admin for their own branch only', async () => {
    const tkyAdmin = (await t.signIn(Role.BRANCH_ADMIN, { branchIds: [tky.id] })).token;
    expect(await run(tkyAdmin, { branchId: tky.id })).toMatchObject({ branchId: tky.id, renewalInvoices: 0 });
    const refused = async (token: string, input?: RunRenewalsInput) => {
      const res = await t.gql(RUN, { input }, { token });
      expect(res.data).toBeNull();
      return res.errors![0].extensions;
    };
    expect(await refused(tkyAdmin, { branchId: osk.id })).toMatchObject({ code: 'FORBIDDEN', reason: 'BRANCH_NOT_IN_SCOPE' });
    expect(await refused(tkyAdmin)).toMatchObject({ code: 'FORBIDDEN', reason: 'RENEWALS_FEDERATION_ADMIN_ONLY' });
    for (const role of [Role.BRANCH_TREASURER, Role.AUDITOR, Role.GRANT_OFFICER]) {
      expect((await refused((await t.signIn(role, { branchIds: [tky.id] })).token, { branchId: tky.id })).code).toBe('FORBIDDEN');
    }
    expect((await refused((await t.signIn(Role.MEMBER, { memberId: a.memberId })).token, { branchId: tky.id })).code).toBe('FORBIDDEN');
    const anonymous = await t.gql(RUN, {});
    expect(anonymous.errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('bad input: a branch id that is not a UUID, or no such branch, is a field error and changes nothing', async () => {
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM audit_events`))[0].n;
    const malformed = await t.gql(RUN, { input: { branchId: 'TKY' } }, { token: admin });
    expect(malformed.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(malformed.errors![0].extensions.fields)).toContain('branchId');
    const unknown = await t.gql(RUN, { input: { branchId: '00000000-0000-4000-8000-000000000000' } }, { token: admin });
    expect(unknown.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BRANCH_NOT_FOUND' });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_events`))[0].n).toBe(before);
  });

  it('a payment committed while the run holds its scan is never overwritten (the run waits on the row, then leaves it ACTIVE)', async () => {
    // Two members whose period ends today; tomorrow both are due to go into grace.
    const paying = await member(tky.id, annual, '2025-06-16');
    const control = await member(tky.id, annual, '2025-06-16');
    await run();
    await setDay('2026-06-16');
    const [, renewal] = await invoicesOf(paying.membershipId);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The payment's transaction: recorded (invoice paid, membership paid through 2027-06-15), not yet committed.
    let recorded = false;
    const payment = t.app.get(TransactionService).run(async () => {
      await t.app.get(PaymentRecording).record(SYSTEM_ACTOR, {
        memberId: paying.memberId, method: PaymentMethod.CASH, amount: Money.of(renewal.amount, 'JPY'), receivedOn: '2026-06-16', allocations: [{ invoiceId: renewal.id }],
      });
      recorded = true;
      await held;
    });
    await eventually(async () => recorded);
    // Outside the payment's transaction the membership still reads as paid through today only.
    expect((await t.db.query(`SELECT paid_through::text FROM memberships WHERE id = $1`, [paying.membershipId]))[0].paid_through).toBe('2026-06-15');
    const job = t.worker!.get(RenewalRun).run(SYSTEM_ACTOR);
    expect(await lockWaiters(t.db, 1)).toBeGreaterThanOrEqual(1); // the run is seen waiting on the payment's lock
    release();
    await payment;
    const result = await job;
    expect(result.intoGrace).toBe(1);
    expect(await membership(paying.membershipId)).toMatchObject({ status: 'ACTIVE', paidThrough: '2027-06-15' });
    expect((await membership(control.membershipId)).status).toBe('GRACE');
  });

  it('the 7-day and the grace-ending reminders arrive by e-mail in the member’s language, each once', async () => {
    const renewalNumber = async (membershipId: string) => (await invoicesOf(membershipId)).at(-1)!.number;
    await setDay('2026-07-02'); // a and b: 7 days before their period ends on 2026-07-09
    await run();
    await t.flushOutbox();
    await allSent();
    const [, sevenJa] = mailsTo(a.email);
    expect(sevenJa.subject).toBe(`【連帯】会費更新のお知らせ (あと7日) (${await renewalNumber(a.membershipId)})`);
    expect(sevenJa.text).toContain('2026-07-09 に終了します (あと7日)');
    const [, sevenEn] = mailsTo(b.email);
    expect(sevenEn.subject).toBe(`[Rentai] Your membership renewal: 7 days left (${await renewalNumber(b.membershipId)})`);
    expect(sevenEn.text).toContain('ends on 2026-07-09 (in 7 days)');
    expect(mailsTo(c.email)).toHaveLength(1); // in grace until 2026-07-11: its last 7 days start on 2026-07-04

    await setDay('2026-07-04');
    await run();
    await t.flushOutbox();
    await allSent();
    const [, graceEnding] = mailsTo(c.email);
    expect(graceEnding.subject).toBe(`【連帯】猶予期間がまもなく終了します (${await renewalNumber(c.membershipId)})`);
    expect(graceEnding.text).toContain(`${c.name} 様`);
    expect(graceEnding.text).toContain('猶予期間は 2026-07-11 に終わり、その翌日に会員資格が失効します');
    expect(mailsTo(c.email)).toHaveLength(2);
    expect(mailsTo(a.email)).toHaveLength(2);
    expect(mailsTo(b.email)).toHaveLength(2);
  });

  it('fiscal-year plans all renew on 1 April: invoiced from 30 days before (2 March), not the day before that', async () => {
    const fy = await member(tky.id, fiscal, '2026-04-01');
    await setDay('2027-03-01');
    expect((await run()).fiscalYearInvoices).toBe(0);
    await setDay('2027-03-02');
    expect((await run()).fiscalYearInvoices).toBeGreaterThanOrEqual(1);
    expect((await invoicesOf(fy.membershipId)).map((i) => [i.period_start, i.period_end])).toEqual([
      ['2026-04-01', '2027-03-31'],
      ['2027-04-01', '2028-03-31'],
    ]);
    await t.flushOutbox();
    await allSent();
    const [reminder] = mailsTo(fy.email);
    expect(reminder.text).toContain('2027-03-31 に終了します (あと30日)');
  });

  it('reminders go out in keyset batches: with batches of one, each due reminder once, none skipped, and nothing on a second pass', async () => {
    const today = t.clock!.today();
    const fresh = [];
    for (let i = 0; i < 3; i++) fresh.push(await member(tky.id, annual, addDays(today, -350 - i)));
    await t.app.get(RenewalIssuance).issue(SYSTEM_ACTOR, 30);
    const reminderCount = async () => (await t.db.query(`SELECT count(*)::int AS n FROM renewal_reminders`))[0].n as number;
    const before = await reminderCount();
    const sent = await t.app.get(RenewalReminders).sendDue(today, { batchSize: 1 });
    expect(sent).toBe((await reminderCount()) - before);
    const rows = await t.db.query(`SELECT membership_id, kind, email_id IS NOT NULL AS emailed FROM renewal_reminders WHERE membership_id = ANY($1::uuid[])`, [fresh.map((f) => f.membershipId)]);
    expect(rows.map((r: { kind: string; emailed: boolean }) => [r.kind, r.emailed])).toEqual([['DAYS_30', true], ['DAYS_30', true], ['DAYS_30', true]]);
    expect(await t.app.get(RenewalReminders).sendDue(today, { batchSize: 1 })).toBe(0);
    await t.flushOutbox();
    await allSent();
    for (const f of fresh) expect(mailsTo(f.email)).toHaveLength(1);
  });

  it('with two batches in flight (the next recorded while this one queues its e-mails), batches of one still send each due reminder once, none skipped', async () => {
    const today = t.clock!.today();
    const fresh = [];
    for (let i = 0; i < 5; i++) fresh.push(await member(i % 2 ? osk.id : tky.id, annual, addDays(today, -350 - i)));
    await t.app.get(RenewalIssuance).issue(SYSTEM_ACTOR, 30);
    const reminderCount = async () => (await t.db.query(`SELECT count(*)::int AS n FROM renewal_reminders`))[0].n as number;
    const before = await reminderCount();
    let batches = 0;
    const sent = await t.app.get(RenewalReminders).sendDue(today, { batchSize: 1, concurrency: 2, onProgress: () => batches++ });
    expect(sent).toBe((await reminderCount()) - before);
    expect(batches).toBeGreaterThanOrEqual(5);
    const rows = await t.db.query(`SELECT kind, email_id IS NOT NULL AS emailed FROM renewal_reminders WHERE membership_id = ANY($1::uuid[])`, [fresh.map((f) => f.membershipId)]);
    expect(rows.map((r: { kind: string; emailed: boolean }) => [r.kind, r.emailed])).toEqual(fresh.map(() => ['DAYS_30', true]));
    expect(await t.app.get(RenewalReminders).sendDue(today, { batchSize: 1, concurrency: 2 })).toBe(0);
    await t.flushOutbox();
    await allSent();
    for (const f of fresh) expect(mailsTo(f.email)).toHaveLength(1);
  });

  it('branches issued at once (three lanes) number each branch’s renewal invoices without a gap or a repeat, each membership once', async () => {
    const today = t.clock!.today();
    const kyo = await createBranch(t.app, { code: 'KYO', nameJa: '京都支部', nameEn: 'Kyoto' });
    const branches = [tky, osk, kyo];
    const fresh = [];
    for (let i = 0; i < 9; i++) fresh.push(await member(branches[i % 3]!.id, annual, addDays(today, -340 - i)));
    const issued = await t.app.get(RenewalIssuance).issue(SYSTEM_ACTOR, 30, { concurrency: 3 });
    expect(issued).toBe(9);
    const rows: { branch_id: string; membership_id: string; fiscal_year: number; sequence: number }[] = await t.db.query(
      `SELECT branch_id, membership_id, fiscal_year, sequence FROM dues_invoices WHERE membership_id = ANY($1::uuid[]) AND period_start > $2::date`,
      [fresh.map((f) => f.membershipId), today],
    );
    expect(new Set(rows.map((r) => r.membership_id)).size).toBe(9);
    expect(rows).toHaveLength(9);
    // Every branch and fiscal year's numbers, old and new, run 1…n without a gap, and the counter stands at n.
    const numbering: { branch_id: string; fiscal_year: number; n: number; max: number; distinct: number; last_sequence: number }[] = await t.db.query(
      `SELECT i.branch_id, i.fiscal_year, count(*)::int AS n, max(i.sequence)::int AS max, count(DISTINCT i.sequence)::int AS distinct, c.last_sequence
         FROM dues_invoices i JOIN dues_invoice_counters c ON c.branch_id = i.branch_id AND c.fiscal_year = i.fiscal_year
        WHERE i.branch_id = ANY($1::uuid[]) GROUP BY i.branch_id, i.fiscal_year, c.last_sequence`,
      [branches.map((b) => b.id)],
    );
    expect(numbering.length).toBeGreaterThanOrEqual(3);
    for (const r of numbering) expect([r.distinct, r.max, r.last_sequence]).toEqual([r.n, r.n, r.n]);
    expect(await t.app.get(RenewalIssuance).issue(SYSTEM_ACTOR, 30, { concurrency: 3 })).toBe(0);
  });

  it('in two lanes, a branch held up by a lock on one of its memberships does not hold up the next branch', async () => {
    const today = t.clock!.today();
    const kobe = await createBranch(t.app, { code: 'KOB', nameJa: '神戸支部', nameEn: 'Kobe' });
    const nara = await createBranch(t.app, { code: 'NAR', nameJa: '奈良支部', nameEn: 'Nara' });
    const held: Awaited<ReturnType<typeof member>>[] = [];
    for (let i = 0; i < 3; i++) held.push(await member(kobe.id, annual, addDays(today, -340 - i)));
    const free = await member(nara.id, annual, addDays(today, -340));
    // A plan change on one Kobe membership, in a transaction left open: the row stays locked until it ends.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let locked = false;
    const holder = t.app.get(TransactionService).run(async () => {
      await t.app.get(MembershipService).changePlanAtRenewal(SYSTEM_ACTOR, { membershipId: held[0]!.membershipId, planId: annual });
      locked = true;
      await gate;
    });
    await eventually(async () => locked);
    // Largest first: Kobe (3) takes the first lane and waits on the lock; Nara (1) goes ahead in the second.
    const issuing = t.app.get(RenewalIssuance).issue(SYSTEM_ACTOR, 30, { concurrency: 2 });
    await eventually(async () => ((await invoicesOf(free.membershipId)).length === 2 ? true : null));
    expect(await lockWaiters(t.db, 1)).toBeGreaterThanOrEqual(1);
    for (const h of held) expect(await invoicesOf(h.membershipId)).toHaveLength(1);
    release();
    await holder;
    expect(await issuing).toBe(4);
    for (const h of held) expect(await invoicesOf(h.membershipId)).toHaveLength(2);
  });

  it('a batch queues its e-mails in chunks: with chunks of two, three reminders in one batch are each e-mailed once, and each reminder points at its message', async () => {
    const today = t.clock!.today();
    const fresh = [];
    for (let i = 0; i < 3; i++) fresh.push(await member(tky.id, annual, addDays(today, -350 - i)));
    await t.app.get(RenewalIssuance).issue(SYSTEM_ACTOR, 30);
    const sent = await t.app.get(RenewalReminders).sendDue(today, { emailChunk: 2 });
    expect(sent).toBeGreaterThanOrEqual(3);
    const rows: { email: string; to_address: string | null }[] = await t.db.query(
      `SELECT mb.email, e.to_address FROM renewal_reminders r JOIN members mb ON mb.id = r.member_id LEFT JOIN email_messages e ON e.id = r.email_id
        WHERE r.membership_id = ANY($1::uuid[]) ORDER BY mb.email`,
      [fresh.map((f) => f.membershipId)],
    );
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r.to_address).toBe(r.email);
    await t.flushOutbox();
    await allSent();
    for (const f of fresh) expect(mailsTo(f.email)).toHaveLength(1);
  });

  it('a member without an e-mail address gets no reminder recorded (nobody would receive it); once an address is given, the next run sends the one due that day', async () => {
    const today = t.clock!.today();
    const organizations = await plan({
      code: 'ORG-ANN', nameJa: '団体会員 (加入日更新)', nameEn: 'Organization (anniversary)', memberKind: 'ORGANIZATION', amount: 12000,
      federationShareKind: 'BASIS_POINTS', federationShareValue: 3000, graceDays: 30, periodMode: 'ANNIVERSARY',
    });
    const unreachable = await member(tky.id, organizations, addDays(today, -350), { withoutAddress: true }); // ends in 14 days: the 30-day reminder is due
    const reachable = await member(tky.id, annual, addDays(today, -350));
    const reminders = async (membershipId: string) => (await t.db.query(`SELECT kind, email_id IS NOT NULL AS emailed FROM renewal_reminders WHERE membership_id = $1`, [membershipId])) as { kind: string; emailed: boolean }[];
    const first = await run();
    expect(first.renewalInvoices).toBeGreaterThanOrEqual(2);
    expect(await invoicesOf(unreachable.membershipId)).toHaveLength(2); // invoiced all the same
    expect(await reminders(unreachable.membershipId)).toEqual([]);
    expect(await reminders(reachable.membershipId)).toEqual([{ kind: 'DAYS_30', emailed: true }]);
    expect((await membership(unreachable.membershipId)).upcomingRenewal!.remindersSent).toEqual([]); // what the treasurer sees: nobody was told
    const email = `reachable-later-${unreachable.memberId.slice(0, 8)}@example.jp`;
    await gqlOk(UPDATE_ORGANIZATION, { id: unreachable.memberId, input: { email } }, admin);
    expect((await run()).remindersSent).toBe(1);
    expect(await reminders(unreachable.membershipId)).toEqual([{ kind: 'DAYS_30', emailed: true }]);
    expect((await membership(unreachable.membershipId)).upcomingRenewal!.remindersSent).toEqual([{ kind: 'DAYS_30', sentOn: today }]);
    await t.flushOutbox();
    await allSent();
    expect(mailsTo(email)).toHaveLength(1);
    expect((await run()).remindersSent).toBe(0);
  });
});

describe('renewals: the lead time is configured (RENEWAL_LEAD_DAYS)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW, env: { RENEWAL_LEAD_DAYS: '45' } });
  });
  afterAll(() => checkThenClose(t, ledgerBalances));

  it('with 45 days, a run invoices a period ending 45 days ahead, not one ending 46 days ahead', async () => {
    const admin = (await t.signIn(Role.FEDERATION_ADMIN)).token;
    const branch = await createBranch(t.app, { code: 'TKY', nameJa: '東京支部', nameEn: 'Tokyo' });
    const input = { code: 'IND-ANN', nameJa: '個人会員 (加入日更新)', nameEn: 'Individual (anniversary)', memberKind: 'PERSON', amount: 6000, federationShareKind: 'BASIS_POINTS', federationShareValue: 3000, graceDays: 30, periodMode: 'ANNIVERSARY' } as const;
    const planId = (await ok(t, CREATE_PLAN, { input }, admin)).createDuesPlan.id;
    const inside = await joinedMember(t, admin, branch.id, planId, '2025-07-31'); // ends 2026-07-30: 45 days after 2026-06-15
    const outside = await joinedMember(t, admin, branch.id, planId, '2025-08-01'); // ends 2026-07-31: 46 days
    expect((await ok(t, RUN, {}, admin)).runRenewals).toMatchObject({ asOf: TODAY, renewalInvoices: 1 });
    const periods = async (membershipId: string) => (await t.db.query(`SELECT period_start::text FROM dues_invoices WHERE membership_id = $1 ORDER BY period_start`, [membershipId])).map((r: { period_start: string }) => r.period_start);
    expect(await periods(inside.membershipId)).toEqual(['2025-07-31', '2026-07-31']);
    expect(await periods(outside.membershipId)).toEqual(['2025-08-01']);
    // What the member is told agrees: the invoice comes 45 days before the period ends.
    expect((await ok(t, MEMBERSHIP, { id: outside.membershipId }, admin)).membership.upcomingRenewal).toMatchObject({ invoiceId: null, invoicedOn: '2026-06-16' });
  });
});
