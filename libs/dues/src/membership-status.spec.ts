import { describe, expect, it } from '@jest/globals';
import { MEMBERSHIP_TRANSITIONS, MembershipEvent as E, MembershipStatus as S, canTransition, standing, transition } from './membership-status.js';

describe('membership status transitions', () => {
  it('a joiner becomes active when the first invoice is paid in full', () => {
    expect(transition(S.Pending, E.PaidInFull)).toBe(S.Active);
  });

  it('an unpaid renewal goes active → grace → lapsed, and payment restores it at any point', () => {
    expect(transition(S.Active, E.PeriodEndedUnpaid)).toBe(S.Grace);
    expect(transition(S.Grace, E.GraceExpired)).toBe(S.Lapsed);
    expect(transition(S.Grace, E.PaidInFull)).toBe(S.Active);
    expect(transition(S.Lapsed, E.PaidInFull)).toBe(S.Active);
  });

  it('a joiner who never pays lapses; a lapsed member may join again', () => {
    expect(transition(S.Pending, E.GraceExpired)).toBe(S.Lapsed);
    expect(transition(S.Lapsed, E.Rejoin)).toBe(S.Pending);
  });

  it('anything but a cancelled membership can be cancelled, and cancellation is final', () => {
    for (const s of [S.Pending, S.Active, S.Grace, S.Lapsed]) expect(transition(s, E.Cancel)).toBe(S.Cancelled);
    for (const e of Object.values(E)) expect(transition(S.Cancelled, e)).toBeNull();
  });

  it('refuses transitions that make no sense', () => {
    expect(transition(S.Pending, E.PeriodEndedUnpaid)).toBeNull();
    expect(transition(S.Active, E.GraceExpired)).toBeNull();
    expect(transition(S.Active, E.Rejoin)).toBeNull();
    expect(transition(S.Grace, E.Rejoin)).toBeNull();
    expect(transition(S.Lapsed, E.PeriodEndedUnpaid)).toBeNull();
    expect(canTransition(S.Pending, E.Rejoin)).toBe(false);
  });

  it('a voided payment takes an active membership back to the standing its other payments give it', () => {
    expect(transition(S.Active, E.PaymentReversed)).toBe(S.Pending);
    expect(transition(S.Active, E.PaymentReversed, S.Grace)).toBe(S.Grace);
    expect(transition(S.Active, E.PaymentReversed, S.Lapsed)).toBe(S.Lapsed);
    expect(transition(S.Active, E.PaymentReversed, S.Cancelled)).toBeNull();
    expect(transition(S.Grace, E.PaymentReversed)).toBeNull();
  });

  it('derives the standing from what is paid', () => {
    const base = { graceEnd: '2027-04-30' };
    expect(standing({ ...base, paidThrough: null, today: '2026-10-01' })).toBe(S.Pending);
    expect(standing({ ...base, paidThrough: null, today: '2027-05-01' })).toBe(S.Lapsed);
    expect(standing({ ...base, paidThrough: '2027-03-31', today: '2027-03-31' })).toBe(S.Active);
    expect(standing({ ...base, paidThrough: '2027-03-31', today: '2027-04-30' })).toBe(S.Grace);
    expect(standing({ ...base, paidThrough: '2027-03-31', today: '2027-05-01' })).toBe(S.Lapsed);
  });

  it('is written for every status and only ever leads to known statuses', () => {
    expect(Object.keys(MEMBERSHIP_TRANSITIONS).sort()).toEqual(Object.values(S).sort());
    const targets = Object.values(MEMBERSHIP_TRANSITIONS).flatMap((row) => Object.values(row).flat());
    for (const t of targets) expect(Object.values(S)).toContain(t);
    // Every status but ACTIVE itself can reach ACTIVE by payment, except CANCELLED.
    for (const s of Object.values(S)) expect(canTransition(s, E.PaidInFull)).toBe(s !== S.Cancelled);
  });
});
