import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Role } from '#auth';
import { createBranch } from '#testing';
import { gql } from './support/gql.js';
import type { CreateDuesPlanInput } from './support/schema-types.js';
import { TestApp, type GqlResult } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';

jest.setTimeout(60_000);

const CREATE = gql(`mutation DuesPlansCreate($input: CreateDuesPlanInput!) { createDuesPlan(input: $input) {
  id code nameJa nameEn memberKind sizeTier amount { amount currency } periodMode fiscalYearStartMonth graceDays joinerCharge
  federationShare { kind value } active } }`);
const UPDATE = gql(`mutation DuesPlansUpdate($input: UpdateDuesPlanInput!) { updateDuesPlan(input: $input) { id amount { amount } federationShare { kind value } graceDays active } }`);
const PLANS = gql(`query DuesPlansPage($first: Int, $after: String) { duesPlans(first: $first, after: $after) { edges { node { code } } pageInfo { hasNextPage endCursor } } }`);

const individual = (over: Partial<CreateDuesPlanInput> = {}): CreateDuesPlanInput => ({
  code: 'IND-STD',
  nameJa: '個人会員',
  nameEn: 'Individual member',
  memberKind: 'PERSON',
  amount: 12000,
  federationShareKind: 'BASIS_POINTS',
  federationShareValue: 3000,
  ...over,
});

describe('dues plans', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = (await t.signIn(Role.FEDERATION_ADMIN)).token;
  }, 120_000);
  afterAll(() => checkThenClose(t, ledgerBalances), 120_000);

  const planCount = async () => Number((await t.db.query(`SELECT count(*) FROM dues_plans`))[0].count);
  const fieldOf = (res: GqlResult<unknown>) => res.errors?.[0].extensions.fields?.map((f) => f.field);

  it('a federation admin creates a plan with the defaults: JPY, fiscal year from April, 30 grace days, full year for joiners', async () => {
    const res = await t.gql(CREATE, { input: individual() }, { token: admin });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createDuesPlan).toMatchObject({
      code: 'IND-STD',
      memberKind: 'PERSON',
      sizeTier: null,
      amount: { amount: 12000, currency: 'JPY' },
      periodMode: 'FISCAL_YEAR',
      fiscalYearStartMonth: 4,
      graceDays: 30,
      joinerCharge: 'FULL_YEAR',
      federationShare: { kind: 'BASIS_POINTS', value: 3000 },
      active: true,
    });
    const [event] = await t.db.query(`SELECT action, entity_id, after FROM audit_events WHERE entity_type = 'DuesPlan'`);
    expect(event).toMatchObject({ action: 'duesPlan.create', entity_id: res.data!.createDuesPlan.id });
    expect(event.after).toMatchObject({ code: 'IND-STD', amount: '12000' });
  });

  it('creates an organization plan by size tier, anniversary periods, prorated joiners, a fixed federation share', async () => {
    const res = await t.gql(
      CREATE,
      {
        input: individual({
          code: 'ORG-L',
          memberKind: 'ORGANIZATION',
          sizeTier: 'LARGE',
          amount: 100000,
          periodMode: 'ANNIVERSARY',
          joinerCharge: 'REMAINING_MONTHS',
          federationShareKind: 'FIXED',
          federationShareValue: 40000,
          graceDays: 60,
        }),
      },
      { token: admin },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.createDuesPlan).toMatchObject({ sizeTier: 'LARGE', periodMode: 'ANNIVERSARY', federationShare: { kind: 'FIXED', value: 40000 } });
  });

  describe('refuses bad input with the field named, writing nothing', () => {
    it.each<[string, Partial<CreateDuesPlanInput>, string]>([
      ['a zero amount', { amount: 0 }, 'input.amount'],
      ['a negative amount', { amount: -500 }, 'input.amount'],
      ['basis points over 10000', { federationShareValue: 10001 }, 'input.federationShareValue'],
      ['a fixed share above the amount', { federationShareKind: 'FIXED', federationShareValue: 12001 }, 'input.federationShareValue'],
      ['a negative share', { federationShareValue: -1 }, 'input.federationShareValue'],
      ['a size tier on an individual plan', { sizeTier: 'SMALL' }, 'input.sizeTier'],
      ['a lower-case code', { code: 'ind' }, 'input.code'],
      ['a grace of more than a year', { graceDays: 400 }, 'input.graceDays'],
      ['a fiscal year starting in month 13', { fiscalYearStartMonth: 13 }, 'input.fiscalYearStartMonth'],
    ])('%s', async (_, over, field) => {
      const before = await planCount();
      const res = await t.gql(CREATE, { input: individual({ code: 'BAD-1', ...over }) }, { token: admin });
      expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(fieldOf(res)).toContain(field);
      expect(await planCount()).toBe(before);
    });

    it('an amount with decimals for JPY', async () => {
      const before = await planCount();
      const res = await t.gql(CREATE, { input: individual({ code: 'BAD-2', amount: 12000.5 }) }, { token: admin });
      expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toContain('input.amount');
      expect(fieldOf(res)).toEqual(['input.amount']);
      expect(await planCount()).toBe(before);
    });

    it('a code already in use', async () => {
      const before = await planCount();
      const res = await t.gql(CREATE, { input: individual() }, { token: admin });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DUES_PLAN_CODE_TAKEN' });
      expect(fieldOf(res)).toEqual(['input.code']);
      expect(await planCount()).toBe(before);
    });

    it('an update that would make the fixed share exceed the amount', async () => {
      const created = await t.gql(CREATE, { input: individual({ code: 'FIX-1', federationShareKind: 'FIXED', federationShareValue: 4000 }) }, { token: admin });
      const id = created.data!.createDuesPlan.id;
      const res = await t.gql(UPDATE, { input: { id, amount: 3000 } }, { token: admin });
      expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(fieldOf(res)).toEqual(['input.federationShareValue']);
      const [row] = await t.db.query(`SELECT amount FROM dues_plans WHERE id = $1`, [id]);
      expect(row.amount).toBe('12000');
    });

    it('an unknown plan', async () => {
      const res = await t.gql(UPDATE, { input: { id: '00000000-0000-4000-8000-000000000000', graceDays: 10 } }, { token: admin });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'DUES_PLAN_NOT_FOUND' });
    });
  });

  it('updates a plan and records before and after', async () => {
    const created = await t.gql(CREATE, { input: individual({ code: 'UPD-1' }) }, { token: admin });
    const id = created.data!.createDuesPlan.id;
    const res = await t.gql(UPDATE, { input: { id, amount: 15000, graceDays: 10, active: false } }, { token: admin });
    expect(res.data!.updateDuesPlan).toMatchObject({ amount: { amount: 15000 }, graceDays: 10, active: false });
    const [event] = await t.db.query(`SELECT before, after FROM audit_events WHERE action = 'duesPlan.update' AND entity_id = $1`, [id]);
    expect(event.before).toMatchObject({ amount: '12000', graceDays: 30, active: true });
    expect(event.after).toMatchObject({ amount: '15000', graceDays: 10, active: false });
  });

  it('only federation admins change plans; any signed-in user reads them, by code, page by page', async () => {
    const { id: branchId } = await createBranch(t.app, { code: 'PLN' });
    const treasurer = await t.signIn(Role.BRANCH_TREASURER, { branchIds: [branchId] });
    const refused = await t.gql(CREATE, { input: individual({ code: 'NOPE' }) }, { token: treasurer.token });
    expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const first = await t.gql(PLANS, { first: 2 }, { token: treasurer.token });
    expect(first.data!.duesPlans.edges.map((e) => e.node.code)).toEqual(['FIX-1', 'IND-STD']);
    const next = await t.gql(PLANS, { first: 10, after: first.data!.duesPlans.pageInfo.endCursor }, { token: treasurer.token });
    expect(next.data!.duesPlans.edges.map((e) => e.node.code)).toEqual(['ORG-L', 'UPD-1']);
    const anonymous = await t.gql(PLANS, {});
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
