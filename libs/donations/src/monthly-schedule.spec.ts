import { describe, expect, it } from '@jest/globals';
import { chargeDayOf, nextChargeOn, nextRetryOn, periodOf } from './monthly-schedule.js';

describe('monthly gift schedule', () => {
  it('charges on the same day next month, over the year end', () => {
    expect(nextChargeOn('2026-06-15', 15)).toBe('2026-07-15');
    expect(nextChargeOn('2026-12-10', 10)).toBe('2027-01-10');
  });

  it('a gift started on the 29th–31st is charged on the 28th', () => {
    expect(chargeDayOf('2026-01-31')).toBe(28);
    expect(nextChargeOn('2026-01-31', chargeDayOf('2026-01-31'))).toBe('2026-02-28');
  });

  it('retries on days 1, 3 and 7 after the first decline, then gives up', () => {
    expect(nextRetryOn('2026-07-15', 1)).toBe('2026-07-16');
    expect(nextRetryOn('2026-07-15', 2)).toBe('2026-07-18');
    expect(nextRetryOn('2026-07-15', 3)).toBe('2026-07-22');
    expect(nextRetryOn('2026-07-15', 4)).toBeNull();
  });

  it('the period of a date', () => {
    expect(periodOf('2026-07-15')).toBe('2026-07');
  });
});
