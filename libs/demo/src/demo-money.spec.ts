import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { MembershipStatus } from '#dues';
import { generateDemoData, MemberKind, MemberStatus, type DemoMemberRef } from '#members';
import { demoMoneyPlan, halfOf } from './demo-money.js';
import { demoTimeline } from './demo-timeline.js';

/** The generated members as the seed hands them on (ids made up; the plan only carries them). */
function members(): DemoMemberRef[] {
  const data = generateDemoData();
  return [
    ...data.organizations.map((o, i) => ({ id: `o${i}`, memberNumber: `O${String(i + 1).padStart(6, '0')}`, kind: MemberKind.ORGANIZATION, branchId: o.branchCode, branchCode: o.branchCode, status: MemberStatus.ACTIVE, joinedOn: o.joinedOn, sizeTier: o.sizeTier })),
    ...data.persons.map((p, i) => ({ id: `p${i}`, memberNumber: `P${String(i + 1).padStart(7, '0')}`, kind: MemberKind.PERSON, branchId: p.branchCode, branchCode: p.branchCode, status: p.status, joinedOn: p.joinedOn, sizeTier: null })),
  ];
}

describe('demoTimeline', () => {
  it('hangs the year on the fiscal year of the day: issued 1 March, settled quarterly, closed up to the month before last', () => {
    const t = demoTimeline('2026-12-01');
    expect(t).toMatchObject({ fiscalYear: 2026, issuedOn: '2026-03-01', lastPaymentOn: '2026-11-30', current: { start: '2026-04-01', end: '2027-03-31' }, previous: { start: '2025-04-01', end: '2026-03-31' } });
    expect(t.closedMonths).toEqual(['2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    expect(t.settlements).toEqual([
      { from: '2026-03-01', to: '2026-06-30', on: '2026-07-10' },
      { from: '2026-07-01', to: '2026-09-30', on: '2026-10-10' },
    ]);
  });

  it('early in a fiscal year there is little history yet, and nothing in the future', () => {
    const t = demoTimeline('2027-04-02');
    expect(t.fiscalYear).toBe(2027);
    expect(t.closedMonths).toEqual([]);
    expect(t.settlements).toEqual([]);
  });
});

describe('demoMoneyPlan', () => {
  const timeline = demoTimeline('2026-12-01');
  const plan = demoMoneyPlan(members(), timeline);

  it('is deterministic: the same members, day and seed give the same plan; another seed another', () => {
    const hash = (p: unknown) => createHash('sha256').update(JSON.stringify(p)).digest('hex');
    expect(hash(demoMoneyPlan(members(), timeline))).toBe(hash(plan));
    expect(hash(demoMoneyPlan(members(), timeline, 7))).not.toBe(hash(plan));
  });

  it('gives every member a membership in the standing the register has, on a plan of their kind and tier', () => {
    expect(plan.enrolments).toHaveLength(7017);
    const byStatus = (s: MembershipStatus) => plan.enrolments.filter((e) => e.status === s).length;
    expect(byStatus(MembershipStatus.ACTIVE)).toBeGreaterThan(6000);
    expect(byStatus(MembershipStatus.LAPSED)).toBeGreaterThan(100);
    expect(byStatus(MembershipStatus.CANCELLED)).toBeGreaterThan(50);
    const organizations = plan.enrolments.slice(0, 17);
    expect(organizations.every((e) => e.planCode.startsWith('ORG-'))).toBe(true);
    expect(new Set(plan.enrolments.slice(17).map((e) => e.planCode))).toEqual(new Set(['IND-STD', 'IND-RED']));
  });

  it('has most members paying, in date order, between the issue and yesterday; some in two instalments, some half', () => {
    const paying = new Set(plan.payments.map((p) => p.memberId));
    const active = plan.enrolments.filter((e) => e.status === MembershipStatus.ACTIVE).length;
    expect(paying.size / active).toBeGreaterThan(0.8);
    expect(paying.size / active).toBeLessThan(0.95);
    const dates = plan.payments.map((p) => p.receivedOn);
    expect([...dates].sort()).toEqual(dates);
    expect(dates[0] >= timeline.issuedOn && dates.at(-1)! <= timeline.lastPaymentOn).toBe(true);
    expect(plan.payments.filter((p) => p.instalment === 2).length).toBeGreaterThan(50);
    expect(plan.payments.filter((p) => p.portion === 'HALF' && p.instalment === 1).length).toBeGreaterThan(300);
    expect(new Set(plan.payments.map((p) => p.method))).toEqual(new Set(['BANK_TRANSFER', 'CASH']));
  });

  it('halves to the ¥100 below', () => {
    expect([halfOf(6000n), halfOf(3000n), halfOf(30_000n), halfOf(150n)]).toEqual([3000n, 1500n, 15_000n, 100n]);
  });
});
