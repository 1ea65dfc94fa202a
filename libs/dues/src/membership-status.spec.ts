import { describe, expect, it } from '@jest/globals';
import { MEMBERSHIP_TRANSITIONS, MembershipEvent as E, MembershipStatus as S, canTransition, standing, transition } from './membership-status.js';

describe('membership status transitions', () => {
  it('a joiner becomes active when the first invoice is paid in full', () => {
    expect(transition(S.PENDING, E.PAID_IN_FULL)).toBe(S.ACTIVE);
  });

  it('an unpaid renewal goes active → grace → lapsed, and payment restores it at any point', () => {
    expect(transition(S.ACTIVE, E.PERIOD_ENDED_UNPAID)).toBe(S.GRACE);
    expect(transition(S.GRACE, E.GRACE_EXPIRED)).toBe(S.LAPSED);
    expect(transition(S.GRACE, E.PAID_IN_FULL)).toBe(S.ACTIVE);
    expect(transition(S.LAPSED, E.PAID_IN_FULL)).toBe(S.ACTIVE);
  });

  it('a joiner who never pays lapses; a lapsed member may join again', () => {
    expect(transition(S.PENDING, E.GRACE_EXPIRED)).toBe(S.LAPSED);
    expect(transition(S.LAPSED, E.REJOIN)).toBe(S.PENDING);
  });

  it('anything but a cancelled membership can be cancelled, and cancellation is final', () => {
    for (const s of [S.PENDING, S.ACTIVE, S.GRACE, S.LAPSED]) expect(transition(s, E.CANCEL)).toBe(S.CANCELLED);
    for (const e of Object.values(E)) expect(transition(S.CANCELLED, e)).toBeNull();
  });

  it('refuses transitions that make no sense', () => {
    expect(transition(S.PENDING, E.PERIOD_ENDED_UNPAID)).toBeNull();
    expect(transition(S.ACTIVE, E.GRACE_EXPIRED)).toBeNull();
    expect(transition(S.ACTIVE, E.REJOIN)).toBeNull();
    expect(transition(S.GRACE, E.REJOIN)).toBeNull();
    expect(transition(S.LAPSED, E.PERIOD_ENDED_UNPAID)).toBeNull();
    expect(canTransition(S.PENDING, E.REJOIN)).toBe(false);
  });

  it('a voided payment takes an active membership back to the standing its other payments give it', () => {
    expect(transition(S.ACTIVE, E.PAYMENT_REVERSED)).toBe(S.PENDING);
    expect(transition(S.ACTIVE, E.PAYMENT_REVERSED, S.GRACE)).toBe(S.GRACE);
    expect(transition(S.ACTIVE, E.PAYMENT_REVERSED, S.LAPSED)).toBe(S.LAPSED);
    expect(transition(S.ACTIVE, E.PAYMENT_REVERSED, S.CANCELLED)).toBeNull();
    expect(transition(S.GRACE, E.PAYMENT_REVERSED)).toBeNull();
  });

  it('derives the standing from what is paid', () => {
    const base = { graceEnd: '2027-04-30' };
    expect(standing({ ...base, paidThrough: null, today: '2026-10-01' })).toBe(S.PENDING);
    expect(standing({ ...base, paidThrough: null, today: '2027-05-01' })).toBe(S.LAPSED);
    expect(standing({ ...base, paidThrough: '2027-03-31', today: '2027-03-31' })).toBe(S.ACTIVE);
    expect(standing({ ...base, paidThrough: '2027-03-31', today: '2027-04-30' })).toBe(S.GRACE);
    expect(standing({ ...base, paidThrough: '2027-03-31', today: '2027-05-01' })).toBe(S.LAPSED);
  });

  it('is pending before the join date, however much is paid, and counts from that day', () => {
    const paid = { graceEnd: '2027-04-30', paidThrough: '2027-03-31', startsOn: '2027-03-01' };
    expect(standing({ ...paid, today: '2026-06-15' })).toBe(S.PENDING);
    expect(standing({ ...paid, today: '2027-02-28' })).toBe(S.PENDING);
    expect(standing({ ...paid, today: '2027-03-01' })).toBe(S.ACTIVE);
    expect(transition(S.PENDING, E.STARTED)).toBe(S.ACTIVE);
    expect(transition(S.ACTIVE, E.STARTED)).toBeNull();
  });

  it('is written for every status and only ever leads to known statuses', () => {
    expect(Object.keys(MEMBERSHIP_TRANSITIONS).sort()).toEqual(Object.values(S).sort());
    const targets = Object.values(MEMBERSHIP_TRANSITIONS).flatMap((row) => Object.values(row).flat());
    for (const t of targets) expect(Object.values(S)).toContain(t);
    // Every status but ACTIVE itself can reach ACTIVE by payment, except CANCELLED.
    for (const s of Object.values(S)) expect(canTransition(s, E.PAID_IN_FULL)).toBe(s !== S.CANCELLED);
  });
});
