import { describe, expect, it } from '@jest/globals';
import { AutoRenewChargeStatus as S } from './auto-renew-charge.entity.js';
import { attemptToMake, nextAttemptDay } from './auto-renew-schedule.js';

const due = '2027-04-01';

describe('auto-renew attempts', () => {
  it('the first attempt is on the due date, not before', () => {
    expect(attemptToMake(due, null, '2027-03-31')).toBeNull();
    expect(attemptToMake(due, null, due)).toBe(1);
    expect(attemptToMake(due, null, '2027-04-05')).toBe(1);
  });

  it('a decline is retried on days 1, 3 and 7 after the due date, then never', () => {
    expect(attemptToMake(due, { attempt: 1, status: S.DECLINED }, due)).toBeNull();
    expect(attemptToMake(due, { attempt: 1, status: S.DECLINED }, '2027-04-02')).toBe(2);
    expect(attemptToMake(due, { attempt: 2, status: S.DECLINED }, '2027-04-03')).toBeNull();
    expect(attemptToMake(due, { attempt: 2, status: S.DECLINED }, '2027-04-04')).toBe(3);
    expect(attemptToMake(due, { attempt: 3, status: S.DECLINED }, '2027-04-07')).toBeNull();
    expect(attemptToMake(due, { attempt: 3, status: S.DECLINED }, '2027-04-08')).toBe(4);
    expect(attemptToMake(due, { attempt: 4, status: S.DECLINED }, '2027-05-01')).toBeNull();
    expect([1, 2, 3, 4].map((n) => nextAttemptDay(due, n))).toEqual(['2027-04-02', '2027-04-04', '2027-04-08', null]);
  });

  it('an attempt left CHARGING is made again (same key); succeeded, processing or waiting for the payer makes none', () => {
    expect(attemptToMake(due, { attempt: 2, status: S.CHARGING }, '2027-04-02')).toBe(2);
    for (const status of [S.SUCCEEDED, S.PROCESSING, S.REQUIRES_ACTION]) expect(attemptToMake(due, { attempt: 1, status }, '2027-04-08')).toBeNull();
  });
});
