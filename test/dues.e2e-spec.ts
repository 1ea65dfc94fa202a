import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { TransactionService } from '#core';
import { AccountCode, BookService, LedgerQueries } from '#ledger';
import { Role, SYSTEM_ACTOR } from '#auth';
import { Membership, MembershipEvent, MembershipLifecycle } from '#dues';
import { gql } from './support/gql.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, controlAccounts, ledgerBalances } from './support/check-then-close.js';
import { DUES, duesWorld, individualPlan } from './support/dues-world.js';
import { RECORD } from './support/payments-world.js';

jest.setTimeout(60_000);

const SET_ACCRUAL = gql(`mutation DuesSetAccrual { setDuesRecognitionPolicy(policy: ACCRUAL) { federation } }`);

describe('dues: joining, invoices, payment, voiding', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof duesWorld>>;
  let ind: string;
  let prorated: string;
  let orgLarge: string;

  beforeAll(async () => {
    t = await TestApp.start({ now: new Date('2026-06-15T03:00:00Z') }); // 2026-06-15 in Tokyo: fiscal year 2026
    w = await duesWorld(t);
    // This file proves the accrual postings: the federation keeps its dues on ACCRUAL, set as an admin would
    // (the default, ON_RECEIPT, is proved in dues-recognition.e2e-spec.ts).
    const set = await t.gql(SET_ACCRUAL, {}, { token: w.admin });
    expect(set.data).toEqual({ setDuesRecognitionPolicy: { federation: 'ACCRUAL' } });
    ind = await w.plan(individualPlan());
    prorated = await w.plan(individualPlan({ code: 'IND-PRO', joinerCharge: 'REMAINING_MONTHS', federationShareKind: 'FIXED', federationShareValue: 4000 }));
    orgLarge = await w.plan(individualPlan({ code: 'ORG-L', memberKind: 'ORGANIZATION', sizeTier: 'LARGE', amount: 100000 }));
  }, 120_000);
  afterAll(() => checkThenClose(t, ledgerBalances, controlAccounts), 120_000);

  /** A treasurer's bank transfer through recordPayment (the one path for money in: invoice, standing and ledger together). */
  const pay = async (memberId: string, invoiceId: string, amount: number) => {
    const res = await t.gql(RECORD, { input: { memberId, method: 'BANK_TRANSFER', amount: { amount }, receivedOn: '2026-06-15', allocations: [{ invoiceId }] } }, { token: w.tkyTreasurer });
    expect(res.errors).toBeUndefined();
  };
  const balance = async (bookId: string, accountCode: string, counterpartyBookId?: string) =>
    t.app.get(LedgerQueries).balance({ bookId, accountCode, ...(counterpartyBookId && { counterpartyBookId }) });

  it('joining creates a PENDING membership and its first invoice, numbered per branch and fiscal year, with shares and ledger entries', async () => {
    const memberId = await w.person(w.tky.id);
    const books = t.app.get(BookService);
    const branchBook = (await books.bookForBranch(w.tky.id)).id;
    const federationBook = (await books.federationBook()).id;

    const res = await w.join(memberId, ind, w.tkyTreasurer);
    expect(res.errors).toBeUndefined();
    const { membership, invoice } = res.data!.joinMembership;
    expect(membership).toMatchObject({ status: 'PENDING', memberId, branchId: w.tky.id, periodStart: '2026-04-01', periodEnd: '2027-03-31' });
    expect(invoice).toMatchObject({
      number: 'TKY-2026-000001',
      fiscalYear: 2026,
      sequence: 1,
      amount: { amount: 12000, currency: 'JPY' },
      federationShare: { amount: 3600 },
      branchShare: { amount: 8400 },
      periodStart: '2026-04-01',
      periodEnd: '2027-03-31',
      issuedOn: '2026-06-15',
      dueOn: '2026-07-15',
      status: 'OPEN',
      proratedMonths: null,
    });
    // Branch book: Dr receivable 12000 / Cr income 8400 / Cr due to federation 3600; federation book: Dr due from branch 3600 / Cr income 3600.
    expect(await balance(branchBook, AccountCode.DuesReceivable)).toBe(12000n);
    expect(await balance(branchBook, AccountCode.DuesIncome)).toBe(-8400n);
    expect(await balance(branchBook, AccountCode.DueToOtherBooks, federationBook)).toBe(-3600n);
    expect(await balance(federationBook, AccountCode.DueFromOtherBooks, branchBook)).toBe(3600n);
    expect(await balance(federationBook, AccountCode.DuesIncome)).toBe(-3600n);

    const history = await t.db.query(`SELECT from_status, to_status, event FROM membership_status_changes WHERE membership_id = $1`, [membership.id]);
    expect(history).toEqual([{ from_status: null, to_status: 'PENDING', event: 'JOIN' }]);
    const [audit] = await t.db.query(`SELECT action, branch_id, after FROM audit_events WHERE entity_type = 'Membership' AND entity_id = $1`, [membership.id]);
    expect(audit).toMatchObject({ action: 'membership.join', branch_id: w.tky.id });
    expect(audit.after).toMatchObject({ invoiceNumber: 'TKY-2026-000001', amount: '12000' });
  });

  it('a mid-year joiner on a remaining-months plan pays the months left, the fixed federation share prorated too', async () => {
    const memberId = await w.person(w.tky.id);
    const res = await w.join(memberId, prorated, w.admin, '2026-10-15');
    expect(res.data!.joinMembership.invoice).toMatchObject({
      amount: { amount: 6000 },
      federationShare: { amount: 2000 },
      branchShare: { amount: 4000 },
      proratedMonths: 6,
      periodStart: '2026-04-01',
    });
  });

  it('numbers invoices 1..20 without gaps or duplicates when 20 members of one branch join at once', async () => {
    const branch = await (await import('#testing')).createBranch(t.app, { code: 'KYT' });
    const members = await Promise.all(Array.from({ length: 20 }, () => w.person(branch.id)));
    const results = await Promise.all(members.map((m) => w.join(m, ind)));
    expect(results.filter((r) => r.errors)).toEqual([]);
    const rows = await t.db.query(`SELECT sequence, number FROM dues_invoices WHERE branch_id = $1 ORDER BY sequence`, [branch.id]);
    expect(rows.map((r: { sequence: number }) => r.sequence)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(rows[19].number).toBe('KYT-2026-000020');
    const [counter] = await t.db.query(`SELECT last_sequence FROM dues_invoice_counters WHERE branch_id = $1 AND fiscal_year = 2026`, [branch.id]);
    expect(counter.last_sequence).toBe(20);
  });

  it('two concurrent joins of the same member for the same period make one membership and one invoice, and no gap', async () => {
    const memberId = await w.person(w.osk.id);
    const [a, b] = await Promise.all([w.join(memberId, ind), w.join(memberId, ind)]);
    const failed = [a, b].filter((r) => r.errors);
    expect(failed).toHaveLength(1);
    expect(failed[0].errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_A_MEMBER' });
    expect(await w.count('memberships', 'member_id = $1', [memberId])).toBe(1);
    expect(await w.count('dues_invoices', 'member_id = $1', [memberId])).toBe(1);
    const [counter] = await t.db.query(`SELECT last_sequence FROM dues_invoice_counters WHERE branch_id = $1 AND fiscal_year = 2026`, [w.osk.id]);
    expect(counter.last_sequence).toBe(await w.count('dues_invoices', 'branch_id = $1 AND fiscal_year = 2026', [w.osk.id]));
  });

  describe('refuses, writing nothing', () => {
    const snapshot = async () => ({
      memberships: await w.count('memberships'),
      invoices: await w.count('dues_invoices'),
      history: await w.count('membership_status_changes'),
      entries: await w.count('journal_entries'),
      counters: (await t.db.query(`SELECT coalesce(sum(last_sequence), 0)::int AS s FROM dues_invoice_counters`))[0].s,
    });

    it('joining twice for the same period (CONFLICT)', async () => {
      const memberId = await w.person(w.tky.id);
      await w.joined(memberId, ind);
      const before = await snapshot();
      const res = await w.join(memberId, ind);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_A_MEMBER' });
      expect(await snapshot()).toEqual(before);
    });

    it.each([
      ['an unknown plan', 'planId', 'input.planId'],
      ['an unknown member', 'memberId', 'input.memberId'],
    ])('%s (BAD_USER_INPUT naming the field)', async (_, key, field) => {
      const memberId = await w.person(w.tky.id);
      const before = await snapshot();
      const input = { memberId, planId: ind, [key]: '00000000-0000-4000-8000-000000000000' };
      const res = await t.gql(DUES.join, { input }, { token: w.admin });
      expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].extensions.fields?.map((f) => f.field)).toEqual([field]);
      expect(await snapshot()).toEqual(before);
    });

    it('a plan for another member type', async () => {
      const memberId = await w.person(w.tky.id);
      const before = await snapshot();
      const res = await w.join(memberId, orgLarge);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DUES_PLAN_MEMBER_TYPE_MISMATCH' });
      expect(res.errors?.[0].extensions.fields?.map((f) => f.field)).toEqual(['input.planId']);
      expect(await snapshot()).toEqual(before);
    });

    it('a malformed join date', async () => {
      const memberId = await w.person(w.tky.id);
      const res = await w.join(memberId, ind, w.admin, '2026-13-01');
      expect(res.errors?.[0].extensions.fields?.map((f) => f.field)).toEqual(['input.joinedOn']);
      const far = await w.join(memberId, ind, w.admin, '2030-01-01');
      expect(far.errors?.[0].extensions.fields?.map((f) => f.field)).toEqual(['input.joinedOn']);
    });

    it("a treasurer acting on another branch's member (FORBIDDEN)", async () => {
      const memberId = await w.person(w.tky.id);
      const before = await snapshot();
      const res = await w.join(memberId, ind, w.oskTreasurer);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
      expect(await snapshot()).toEqual(before);
    });

    it('an auditor joining anyone (FORBIDDEN by role)', async () => {
      const memberId = await w.person(w.tky.id);
      const res = await w.join(memberId, ind, w.auditor);
      expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
    });
  });

  it('payment in full makes the membership ACTIVE for the period, with its history', async () => {
    const memberId = await w.person(w.tky.id);
    const { membership, invoice } = await w.joined(memberId, ind);
    await pay(memberId, invoice.id, 5000);
    await pay(memberId, invoice.id, 7000);
    const res = await t.gql(DUES.membership, { id: membership.id }, { token: w.tkyTreasurer });
    expect(res.data!.membership).toMatchObject({ status: 'ACTIVE', paidThrough: '2027-03-31' });
    expect(res.data!.membership.history).toEqual([
      { fromStatus: null, toStatus: 'PENDING', event: 'JOIN', effectiveOn: '2026-06-15', invoiceId: null },
      { fromStatus: 'PENDING', toStatus: 'ACTIVE', event: 'PAID_IN_FULL', effectiveOn: '2026-06-15', invoiceId: invoice.id },
    ]);
    expect(res.data!.membership.invoices).toMatchObject([{ status: 'PAID' }]);
    const other = await t.gql(DUES.membership, { id: membership.id }, { token: w.oskTreasurer });
    expect(other.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  describe('voiding', () => {
    it('voids an open invoice: it keeps its number, its entries are reversed, an audit event is written', async () => {
      const memberId = await w.person(w.osk.id);
      const { invoice } = await w.joined(memberId, ind);
      const branchBook = (await t.app.get(BookService).bookForBranch(w.osk.id)).id;
      const receivableBefore = await balance(branchBook, AccountCode.DuesReceivable);
      const res = await t.gql(DUES.voidInvoice, { input: { invoiceId: invoice.id, reason: '二重登録' } }, { token: w.oskTreasurer });
      expect(res.data!.voidDuesInvoice).toMatchObject({ number: invoice.number, status: 'VOID', voidReason: '二重登録', outstanding: { amount: 0 } });
      expect(await balance(branchBook, AccountCode.DuesReceivable)).toBe(receivableBefore - 12000n);
      const reversals = await t.db.query(`SELECT count(*)::int AS n FROM journal_entries WHERE source_id = $1 AND reverses_entry_id IS NOT NULL`, [invoice.id]);
      expect(reversals[0].n).toBe(2);
      expect(await w.count('audit_events', `action = 'duesInvoice.void' AND entity_id = $1`, [invoice.id])).toBe(1);
      const again = await t.gql(DUES.voidInvoice, { input: { invoiceId: invoice.id, reason: 'again' } }, { token: w.oskTreasurer });
      expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'INVOICE_VOID' });
    });

    it('refuses to void a paid or part-paid invoice (CONFLICT with the reason), or another branch’s, changing nothing', async () => {
      const paidBy = await w.person(w.tky.id);
      const partBy = await w.person(w.tky.id);
      const paid = await w.joined(paidBy, ind);
      const part = await w.joined(partBy, ind);
      await pay(paidBy, paid.invoice.id, 12000);
      await pay(partBy, part.invoice.id, 1000);
      const entries = await w.count('journal_entries');

      const r1 = await t.gql(DUES.voidInvoice, { input: { invoiceId: paid.invoice.id, reason: 'x' } }, { token: w.tkyTreasurer });
      expect(r1.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'INVOICE_ALREADY_PAID' });
      const r2 = await t.gql(DUES.voidInvoice, { input: { invoiceId: part.invoice.id, reason: 'x' } }, { token: w.tkyTreasurer });
      expect(r2.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'INVOICE_PARTIALLY_PAID' });
      const open = await w.joined(await w.person(w.tky.id), ind);
      const r3 = await t.gql(DUES.voidInvoice, { input: { invoiceId: open.invoice.id, reason: 'x' } }, { token: w.oskTreasurer });
      expect(r3.errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect(await w.count('dues_invoices', `status = 'VOID' AND id = ANY($1)`, [[paid.invoice.id, part.invoice.id, open.invoice.id]])).toBe(0);
      expect(await w.count('journal_entries')).toBe(entries + 2); // only the open invoice's two entries
    });
  });

  it('changing a plan never changes invoices already issued', async () => {
    const memberId = await w.person(w.tky.id);
    const { invoice } = await w.joined(memberId, ind);
    const res = await t.gql(DUES.updatePlan, { input: { id: ind, amount: 20000, federationShareValue: 5000 } }, { token: w.admin });
    expect(res.errors).toBeUndefined();
    const [row] = await t.db.query(`SELECT amount, federation_share, branch_share FROM dues_invoices WHERE id = $1`, [invoice.id]);
    expect(row).toEqual({ amount: '12000', federation_share: '3600', branch_share: '8400' });
    const next = await w.joined(await w.person(w.tky.id), ind);
    expect(next.invoice.amount.amount).toBe(20000);
    await t.gql(DUES.updatePlan, { input: { id: ind, amount: 12000, federationShareValue: 3000 } }, { token: w.admin });
  });

  it('a member joins by themself, but not for someone else', async () => {
    const self = await w.person(w.tky.id);
    const other = await w.person(w.tky.id);
    const { token } = await t.signIn(Role.MEMBER, { memberId: self });
    const own = await w.join(self, ind, token);
    expect(own.data!.joinMembership.membership.status).toBe('PENDING');
    const res = await w.join(other, ind, token);
    expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(await w.count('memberships', 'member_id = $1', [other])).toBe(0);
  });

  it('a lapsed member joins again on the same membership, in a later period only', async () => {
    const memberId = await w.person(w.tky.id);
    const { membership } = await w.joined(memberId, ind);
    // What the renewals library will do when the grace runs out:
    const row = await t.db.getRepository(Membership).findOneByOrFail({ id: membership.id });
    await t.app.get(TransactionService).run(() =>
      t.app.get(MembershipLifecycle).apply(row, MembershipEvent.GRACE_EXPIRED, { effectiveOn: '2026-06-15', actorUserId: SYSTEM_ACTOR.userId }),
    );
    const invoices = await w.count('dues_invoices');
    const same = await w.join(memberId, ind);
    expect(same.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_INVOICED_FOR_PERIOD' });
    expect(await w.count('dues_invoices')).toBe(invoices);
    expect((await t.db.query(`SELECT status FROM memberships WHERE id = $1`, [membership.id]))[0].status).toBe('LAPSED');

    const again = await w.join(memberId, ind, w.admin, '2027-04-05');
    expect(again.errors).toBeUndefined();
    expect(again.data!.joinMembership.membership).toMatchObject({ id: membership.id, status: 'PENDING', periodStart: '2027-04-01' });
    expect(again.data!.joinMembership.invoice.number).toMatch(/^TKY-2027-\d{6}$/);
    const events = await t.db.query(`SELECT to_status, event FROM membership_status_changes WHERE membership_id = $1 ORDER BY id`, [membership.id]);
    expect(events.map((e: { event: string }) => e.event)).toEqual(['JOIN', 'GRACE_EXPIRED', 'REJOIN']);
  });
});
