import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Role } from '#auth';
import { MembershipStarts } from '#dues';
import { OrganizationSizeTier } from '#members';
import { createOrganization } from '#testing';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { DUES, duesWorld, individualPlan } from './support/dues-world.js';
import { RECORD } from './support/payments-world.js';
import { runCli } from './support/run-cli.js';

jest.setTimeout(60_000);

/** Who may join which plan, and from when: the rules a member or treasurer could get around. */
describe('dues: size tiers and join dates', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof duesWorld>>;
  let orgSmall: string;
  let orgLarge: string;
  let orgAny: string;
  let prorated: string;

  beforeAll(async () => {
    t = await TestApp.start({ now: new Date('2026-06-15T03:00:00Z') }); // 2026-06-15 in Tokyo: fiscal year 2026
    w = await duesWorld(t);
    const org = { memberKind: 'ORGANIZATION', amount: 60000, federationShareKind: 'BASIS_POINTS', federationShareValue: 3000 } as const;
    orgSmall = await w.plan(individualPlan({ ...org, code: 'ORG-S', sizeTier: 'SMALL' }));
    orgLarge = await w.plan(individualPlan({ ...org, code: 'ORG-L', sizeTier: 'LARGE', amount: 240000 }));
    orgAny = await w.plan(individualPlan({ ...org, code: 'ORG-ANY' }));
    prorated = await w.plan(individualPlan({ code: 'IND-PRO', joinerCharge: 'REMAINING_MONTHS' }));
  }, 120_000);
  afterAll(() => checkThenClose(t, ledgerBalances), 120_000);

  const snapshot = async () => ({
    memberships: await w.count('memberships'),
    invoices: await w.count('dues_invoices'),
    history: await w.count('membership_status_changes'),
    entries: await w.count('journal_entries'),
    audits: await w.count('audit_events'),
    nextPlans: (await t.db.query(`SELECT coalesce(json_agg(next_plan_id ORDER BY id), '[]') AS p FROM memberships`))[0].p,
  });
  const organization = async (sizeTier: OrganizationSizeTier) => (await createOrganization(t.app, { branchId: w.tky.id, sizeTier })).id;

  describe('size tiers', () => {
    it('a large organization cannot join a small-tier plan, nor a small one a large-tier plan (BAD_USER_INPUT on input.planId), as staff or by itself', async () => {
      const large = await organization(OrganizationSizeTier.LARGE);
      const self = await t.signIn(Role.MEMBER, { memberId: large });
      const small = await organization(OrganizationSizeTier.SMALL);
      for (const [memberId, planId, token] of [
        [large, orgSmall, w.admin],
        [large, orgSmall, self.token],
        [small, orgLarge, w.tkyTreasurer],
      ]) {
        const before = await snapshot();
        const res = await w.join(memberId, planId, token);
        expect(res.data).toBeNull();
        expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DUES_PLAN_SIZE_TIER_MISMATCH', fields: [{ field: 'input.planId' }] });
        expect(await snapshot()).toEqual(before);
      }
      const ja = await t.gql(DUES.join, { input: { memberId: large, planId: orgSmall } }, { token: w.admin, locale: 'ja' });
      expect(ja.errors?.[0].message).toContain('規模区分 SMALL');
    });

    it('an organization joins the plan of its own tier, or an untiered organization plan', async () => {
      const large = await organization(OrganizationSizeTier.LARGE);
      expect((await w.joined(large, orgLarge)).invoice.amount.amount).toBe(240000);
      const medium = await organization(OrganizationSizeTier.MEDIUM);
      expect((await w.joined(medium, orgAny)).invoice.amount.amount).toBe(60000);
    });

    it('a plan change at renewal to another tier’s plan is refused and the pending plan stays as it was', async () => {
      const large = await organization(OrganizationSizeTier.LARGE);
      const { membership } = await w.joined(large, orgLarge);
      const self = await t.signIn(Role.MEMBER, { memberId: large });
      for (const token of [w.admin, self.token]) {
        const before = await snapshot();
        const res = await t.gql(DUES.changePlan, { input: { membershipId: membership.id, planId: orgSmall } }, { token });
        expect(res.data).toBeNull();
        expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DUES_PLAN_SIZE_TIER_MISMATCH', fields: [{ field: 'input.planId' }] });
        expect(await snapshot()).toEqual(before);
      }
      const ok = await t.gql(DUES.changePlan, { input: { membershipId: membership.id, planId: orgAny } }, { token: w.admin });
      expect(ok.data!.changeMembershipPlan).toMatchObject({ planId: orgLarge, nextPlanId: orgAny });
    });
  });

  describe('join dates', () => {
    it('a member joining by themself cannot choose a future date (BAD_USER_INPUT on input.joinedOn), and nothing is written', async () => {
      const memberId = await w.person(w.tky.id);
      const self = await t.signIn(Role.MEMBER, { memberId });
      const before = await snapshot();
      for (const joinedOn of ['2026-06-16', '2027-03-01']) {
        const res = await w.join(memberId, prorated, self.token, joinedOn);
        expect(res.data).toBeNull();
        expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'JOIN_DATE_IN_FUTURE', fields: [{ field: 'input.joinedOn' }] });
      }
      expect(await snapshot()).toEqual(before);
      const today = await w.join(memberId, prorated, self.token, '2026-06-15');
      expect(today.data!.joinMembership.invoice).toMatchObject({ proratedMonths: 10, amount: { amount: 10000 } });
    });

    it('a join staff enter from a later date, paid in advance, stays PENDING until that date, then becomes ACTIVE', async () => {
      const memberId = await w.person(w.tky.id);
      const res = await w.join(memberId, prorated, w.tkyTreasurer, '2027-03-01');
      expect(res.errors).toBeUndefined();
      const { membership, invoice } = res.data!.joinMembership;
      expect(invoice).toMatchObject({ proratedMonths: 1, amount: { amount: 1000 }, periodEnd: '2027-03-31' });

      const paid = await t.gql(RECORD, {
        input: { memberId, method: 'CASH', amount: { amount: 1000, currency: 'JPY' }, receivedOn: '2026-06-15', allocations: [{ invoiceId: invoice.id }] },
      }, { token: w.tkyTreasurer });
      expect(paid.errors).toBeUndefined();
      const read = async (token = w.tkyTreasurer) => (await t.gql(DUES.membership, { id: membership.id }, { token })).data!.membership;
      expect(await read()).toMatchObject({ status: 'PENDING', paidThrough: '2027-03-31', invoices: [{ status: 'PAID' }] });

      const starts = t.app.get(MembershipStarts);
      expect(await starts.activateStarted()).toBe(0);
      t.clock!.set(new Date('2027-02-28T03:00:00Z'));
      expect(await starts.activateStarted()).toBe(0);
      t.clock!.set(new Date('2027-03-01T03:00:00Z'));
      expect((await runCli(t.app, ['dues:start-memberships'])).stdout).toContain('1 memberships started');
      expect(await starts.activateStarted()).toBe(0);
      const started = await read((await t.signIn(Role.BRANCH_TREASURER, { branchIds: [w.tky.id] })).token); // signed in on the new day
      expect(started.status).toBe('ACTIVE');
      expect(started.history.at(-1)).toMatchObject({ fromStatus: 'PENDING', toStatus: 'ACTIVE', event: 'STARTED', effectiveOn: '2027-03-01' });
      t.clock!.set(new Date('2026-06-15T03:00:00Z'));
    });
  });
});
