import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Role, SYSTEM_ACTOR } from '#auth';
import { MembershipRenewal } from '#dues';
import { gql } from './support/gql.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, controlAccounts, ledgerBalances } from './support/check-then-close.js';
import { DUES, duesWorld, individualPlan } from './support/dues-world.js';

jest.setTimeout(60_000);

const SET_ACCRUAL = gql(`mutation DuesIssuanceSetAccrual { setDuesRecognitionPolicy(policy: ACCRUAL) { federation } }`);
const TRANSFER = gql(`mutation DuesIssuanceTransfer($input: TransferMemberInput!) { transferMember(input: $input) { id } }`);

describe('dues: fiscal-year issuance, plan change at renewal, cancellation', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof duesWorld>>;
  let ind: string;
  let reduced: string;
  let anniversary: string;
  const m: Record<string, { membershipId: string; invoiceId: string }> = {};

  beforeAll(async () => {
    t = await TestApp.start({ now: new Date('2027-03-01T03:00:00Z') }); // fiscal year 2026, a month before 2027 starts
    w = await duesWorld(t);
    // This file proves the accrual postings of joins, runs and voids: the federation keeps dues on ACCRUAL (as an admin sets it).
    const set = await t.gql(SET_ACCRUAL, {}, { token: w.admin });
    if (set.errors) throw new Error(JSON.stringify(set.errors));
    ind = await w.plan(individualPlan());
    reduced = await w.plan(individualPlan({ code: 'IND-RED', nameJa: '個人会員(減額)', nameEn: 'Individual (reduced)', amount: 6000, federationShareKind: 'FIXED', federationShareValue: 1000 }));
    anniversary = await w.plan(individualPlan({ code: 'IND-ANN', periodMode: 'ANNIVERSARY' }));
    const join = async (key: string, branchId: string, planId: string) => {
      const r = await w.joined(await w.person(branchId), planId);
      m[key] = { membershipId: r.membership.id, invoiceId: r.invoice.id };
    };
    for (const k of ['t1', 't2', 't3', 't4']) await join(k, w.tky.id, ind);
    for (const k of ['o1', 'o2']) await join(k, w.osk.id, ind);
    await join('ann', w.tky.id, anniversary);
  }, 120_000);
  afterAll(() => checkThenClose(t, ledgerBalances, controlAccounts), 120_000);

  it('a member chooses another plan for the next period; nothing changes until renewal', async () => {
    const res = await t.gql(DUES.changePlan, { input: { membershipId: m.t2.membershipId, planId: reduced } }, { token: w.tkyTreasurer });
    expect(res.data!.changeMembershipPlan).toMatchObject({ planId: ind, nextPlanId: reduced });
    const refused = await t.gql(DUES.changePlan, { input: { membershipId: m.t2.membershipId, planId: reduced } }, { token: w.oskTreasurer });
    expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(await w.count('audit_events', `action = 'membership.changePlan' AND entity_id = $1`, [m.t2.membershipId])).toBe(1);
  });

  it('cancelling ends the membership and voids its unpaid invoice, reversing its entries', async () => {
    const refused = await t.gql(DUES.cancel, { input: { membershipId: m.t4.membershipId, reason: '退会' } }, { token: w.oskTreasurer });
    expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const res = await t.gql(DUES.cancel, { input: { membershipId: m.t4.membershipId, reason: '退会届' } }, { token: w.tkyTreasurer });
    expect(res.data!.cancelMembership).toMatchObject({ status: 'CANCELLED', cancelledOn: '2027-03-01' });
    const [invoice] = await t.db.query(`SELECT status, void_reason FROM dues_invoices WHERE id = $1`, [m.t4.invoiceId]);
    expect(invoice).toEqual({ status: 'VOID', void_reason: '退会届' });
    expect(await w.count('journal_entries', `source_id = $1 AND reverses_entry_id IS NOT NULL`, [m.t4.invoiceId])).toBe(2);
    const history = await t.db.query(`SELECT to_status, event FROM membership_status_changes WHERE membership_id = $1 ORDER BY id`, [m.t4.membershipId]);
    expect(history.at(-1)).toEqual({ to_status: 'CANCELLED', event: 'CANCEL' });
    const again = await t.gql(DUES.cancel, { input: { membershipId: m.t4.membershipId, reason: 'x' } }, { token: w.tkyTreasurer });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'MEMBERSHIP_TRANSITION_NOT_ALLOWED' });
  });

  it('only a federation admin issues a fiscal year, and bad arguments name the field', async () => {
    const treasurer = await t.gql(DUES.issue, { fiscalYear: 2027 }, { token: w.tkyTreasurer });
    expect(treasurer.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const year = await t.gql(DUES.issue, { fiscalYear: 1999 }, { token: w.admin });
    expect(year.errors?.[0].extensions.fields?.map((f) => f.field)).toEqual(['fiscalYear']);
    const branch = await t.gql(DUES.issue, { fiscalYear: 2027, branchId: '00000000-0000-4000-8000-000000000000' }, { token: w.admin });
    expect(branch.errors?.[0].extensions.fields?.map((f) => f.field)).toEqual(['branchId']);
    expect(await w.count('dues_invoices', 'fiscal_year = 2027')).toBe(0);
  });

  it('issues fiscal year 2027 to every eligible membership, numbered 1..n per branch, with the plan chosen for renewal, and posts the entries', async () => {
    const entriesBefore = await w.count('journal_entries');
    const res = await t.gql(DUES.issue, { fiscalYear: 2027 }, { token: w.admin });
    expect(res.errors).toBeUndefined();
    expect(res.data!.issueFiscalYearInvoices.issued).toBe(5); // t1 t2 t3 o1 o2: not the cancelled t4, not the anniversary plan
    expect(res.data!.issueFiscalYearInvoices.branches.sort((a, b) => a.branchCode.localeCompare(b.branchCode))).toEqual([
      { branchCode: 'OSK', issued: 2, firstSequence: 1, lastSequence: 2 },
      { branchCode: 'TKY', issued: 3, firstSequence: 1, lastSequence: 3 },
    ]);
    const rows = await t.db.query(
      `SELECT i.number, i.sequence, i.amount, i.federation_share, i.branch_share, i.period_start::text, i.period_end::text, i.due_on::text, i.membership_id
         FROM dues_invoices i WHERE fiscal_year = 2027 ORDER BY number`,
    );
    expect(rows.map((r: { number: string }) => r.number)).toEqual(['OSK-2027-000001', 'OSK-2027-000002', 'TKY-2027-000001', 'TKY-2027-000002', 'TKY-2027-000003']);
    for (const r of rows) expect(r).toMatchObject({ period_start: '2027-04-01', period_end: '2028-03-31', due_on: '2027-04-01' });
    const t2 = rows.find((r: { membership_id: string }) => r.membership_id === m.t2.membershipId);
    expect(t2).toMatchObject({ amount: '6000', federation_share: '1000', branch_share: '5000' });
    const t1 = rows.find((r: { membership_id: string }) => r.membership_id === m.t1.membershipId);
    expect(t1).toMatchObject({ amount: '12000', federation_share: '3600', branch_share: '8400' });

    const membership = await t.gql(DUES.membership, { id: m.t2.membershipId }, { token: w.admin });
    expect(membership.data!.membership).toMatchObject({ planId: reduced, nextPlanId: null, periodStart: '2027-04-01', periodEnd: '2028-03-31' });
    // ACCRUAL: one summary entry per branch and run, and its mirror in the federation book (not two per invoice).
    expect(await w.count('journal_entries')).toBe(entriesBefore + 4);
    expect(await w.count('journal_entries', `idempotency_key LIKE 'dues-run:fiscal-year:2027:%'`)).toBe(4);
    expect(await w.count('audit_events', `action = 'duesInvoice.issueFiscalYear'`)).toBe(2);
  });

  it('running it again issues nothing new', async () => {
    const before = { invoices: await w.count('dues_invoices'), entries: await w.count('journal_entries') };
    const res = await t.gql(DUES.issue, { fiscalYear: 2027 }, { token: w.admin });
    expect(res.data!.issueFiscalYearInvoices).toEqual({ fiscalYear: 2027, issued: 0, branches: [] });
    expect({ invoices: await w.count('dues_invoices'), entries: await w.count('journal_entries') }).toEqual(before);
  });

  it('changing the plan afterwards leaves the issued invoices alone', async () => {
    await t.gql(DUES.updatePlan, { input: { id: ind, amount: 15000 } }, { token: w.admin });
    expect(await w.count('dues_invoices', `fiscal_year = 2027 AND plan_id = $1 AND amount = 12000`, [ind])).toBe(4);
  });

  it('a member joining in the new year continues the branch numbering, and one branch can be issued alone', async () => {
    t.clock!.set(new Date('2027-04-10T03:00:00Z'));
    const admin = (await t.signIn(Role.FEDERATION_ADMIN)).token; // sessions of a month ago have expired
    const joined = await w.join(await w.person(w.tky.id), ind, admin);
    expect(joined.data!.joinMembership.invoice.number).toBe('TKY-2027-000004');
    // A membership of fiscal year 2027 is not due anything for 2027 again; fiscal year 2028 for Osaka only:
    const res = await t.gql(DUES.issue, { fiscalYear: 2028, branchId: w.osk.id }, { token: admin });
    expect(res.data!.issueFiscalYearInvoices.branches).toEqual([{ branchCode: 'OSK', issued: 2, firstSequence: 1, lastSequence: 2 }]);
    expect(await w.count('dues_invoices', `fiscal_year = 2028 AND branch_id = $1`, [w.tky.id])).toBe(0);
  });

  it("an anniversary membership's renewal invoice, for the period named, issued once", async () => {
    const renewal = t.app.get(MembershipRenewal);
    const invoice = await renewal.issueRenewalInvoice(SYSTEM_ACTOR, m.ann.membershipId, '2028-03-01');
    expect(invoice).toMatchObject({ periodStart: '2028-03-01', periodEnd: '2029-02-28', fiscalYear: 2027, number: 'TKY-2027-000005', amount: 12000n });
    const again = await renewal.issueRenewalInvoice(SYSTEM_ACTOR, m.ann.membershipId, '2028-03-01');
    expect(again.id).toBe(invoice.id);
    await expect(renewal.issueRenewalInvoice(SYSTEM_ACTOR, m.ann.membershipId, '2030-03-01')).rejects.toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_THE_NEXT_PERIOD' });
    expect(await w.count('dues_invoices', 'membership_id = $1', [m.ann.membershipId])).toBe(2);
  });

  it("a member moving branch takes the membership along: later invoices are the new branch's, issued ones stay", async () => {
    const [row] = await t.db.query(`SELECT member_id FROM memberships WHERE id = $1`, [m.t3.membershipId]);
    const before = await t.db.query(`SELECT id, number FROM dues_invoices WHERE membership_id = $1 ORDER BY period_start`, [m.t3.membershipId]);
    const admin = (await t.signIn(Role.FEDERATION_ADMIN)).token;
    const moved = await t.gql(TRANSFER, { input: { memberId: row.member_id, toBranchId: w.osk.id, reason: '転居' } }, { token: admin });
    expect(moved.errors).toBeUndefined();
    // transferMember took the membership along (dues listens to member.transferred in the same transaction): no separate call.
    const invoice = await t.app.get(MembershipRenewal).issueRenewalInvoice(SYSTEM_ACTOR, m.t3.membershipId, '2028-04-01');
    expect(invoice.number).toBe('OSK-2028-000003'); // after Osaka's two from the 2028 run
    const after = await t.db.query(`SELECT id, number FROM dues_invoices WHERE membership_id = $1 AND period_start < '2028-04-01' ORDER BY period_start`, [m.t3.membershipId]);
    expect(after).toEqual(before);
    expect(await w.count('audit_events', `action = 'membership.transfer' AND entity_id = $1`, [m.t3.membershipId])).toBe(1);
  });

  it("the database holds an invoice to its membership's member: an invoice naming another member is refused", async () => {
    const copy = (db: { query: (sql: string, params: unknown[]) => Promise<unknown> }, memberOf: string) =>
      db.query(
        `INSERT INTO dues_invoices (membership_id, member_id, branch_id, plan_id, fiscal_year, sequence, number, period_start, period_end, issued_on, due_on, currency, amount, federation_share, branch_share, recognition)
         SELECT i.membership_id, (SELECT member_id FROM memberships WHERE id = $2), i.branch_id, i.plan_id, i.fiscal_year, 900000, i.number || '-X', i.period_start + 3650, i.period_end + 3650,
                i.issued_on, i.due_on, i.currency, i.amount, i.federation_share, i.branch_share, i.recognition
           FROM dues_invoices i WHERE i.id = $1`,
        [m.t1.invoiceId, memberOf],
      );
    await expect(copy(t.db, m.t3.membershipId)).rejects.toThrow(/dues_invoices_membership_member_fkey/);
    // Its own member is accepted (then rolled back: it is no real invoice).
    const rolledBack = new Error('rolled back');
    await expect(t.db.transaction(async (em) => {
      await copy(em, m.t1.membershipId);
      throw rolledBack;
    })).rejects.toBe(rolledBack);
  });
});
