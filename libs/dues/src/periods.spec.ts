import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  anniversaryPeriod,
  anniversaryPeriodContaining,
  daysBetween,
  fiscalYearOf,
  fiscalYearPeriod,
  graceEnd,
  isIsoDate,
  joiningPeriod,
  nextPeriod,
  prorate,
  remainingMonths,
} from './periods.js';

/** Any date from 1990 to 2099 as YYYY-MM-DD. */
const isoDate = fc
  .date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const startMonth = fc.integer({ min: 1, max: 12 });

describe('fiscal years', () => {
  it('runs 1 April to 31 March by default and is labelled by the year it starts in (年度)', () => {
    expect(fiscalYearPeriod(2027)).toEqual({ start: '2027-04-01', end: '2028-03-31' });
    expect(fiscalYearOf('2027-04-01')).toBe(2027);
    expect(fiscalYearOf('2028-03-31')).toBe(2027);
    expect(fiscalYearOf('2027-03-31')).toBe(2026);
    expect(fiscalYearPeriod(2027, 1)).toEqual({ start: '2027-01-01', end: '2027-12-31' });
    expect(fiscalYearPeriod(2023, 3)).toEqual({ start: '2023-03-01', end: '2024-02-29' });
  });

  it('places every date in exactly the fiscal year whose period contains it', () => {
    fc.assert(
      fc.property(isoDate, startMonth, (date, m) => {
        const fy = fiscalYearOf(date, m);
        const p = fiscalYearPeriod(fy, m);
        expect(p.start <= date && date <= p.end).toBe(true);
        expect(fiscalYearPeriod(fy - 1, m).end < date).toBe(true);
        expect(fiscalYearPeriod(fy + 1, m).start > date).toBe(true);
      }),
    );
  });

  it('chains fiscal years without gap or overlap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2090 }), startMonth, (fy, m) => {
        const p = fiscalYearPeriod(fy, m);
        expect(addDays(p.end, 1)).toBe(fiscalYearPeriod(fy + 1, m).start);
        expect(nextPeriod(p, 'FISCAL_YEAR', p.start)).toEqual(fiscalYearPeriod(fy + 1, m));
        expect([365, 366]).toContain(daysBetween(p.start, p.end) + 1);
      }),
    );
  });

  it('refuses a start month outside 1–12', () => {
    expect(() => fiscalYearOf('2027-05-01', 13)).toThrow(RangeError);
    expect(() => fiscalYearPeriod(2027, 0)).toThrow(RangeError);
  });
});

describe('anniversary periods', () => {
  it('start on the join date and last a year; 29 February falls back to 28 February', () => {
    expect(anniversaryPeriod('2026-07-15', 0)).toEqual({ start: '2026-07-15', end: '2027-07-14' });
    expect(anniversaryPeriod('2024-02-29', 1)).toEqual({ start: '2025-02-28', end: '2026-02-27' });
    expect(anniversaryPeriod('2024-02-29', 4)).toEqual({ start: '2028-02-29', end: '2029-02-27' });
    expect(joiningPeriod('2026-07-15', 'ANNIVERSARY')).toEqual({ start: '2026-07-15', end: '2027-07-14' });
  });

  it('chain without gap or overlap and each lasts 365 or 366 days', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 40 }), (anchor, k) => {
        const p = anniversaryPeriod(anchor, k);
        const q = anniversaryPeriod(anchor, k + 1);
        expect(addDays(p.end, 1)).toBe(q.start);
        expect(nextPeriod(p, 'ANNIVERSARY', anchor)).toEqual(q);
        expect([365, 366]).toContain(daysBetween(p.start, p.end) + 1);
      }),
    );
  });

  it('finds the period containing any date on or after the anchor', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 20_000 }), (anchor, offset) => {
        const date = addDays(anchor, offset);
        const p = anniversaryPeriodContaining(anchor, date);
        expect(p.start <= date && date <= p.end).toBe(true);
        expect(anniversaryPeriodContaining(anchor, p.start)).toEqual(p);
      }),
    );
    expect(() => anniversaryPeriodContaining('2026-07-15', '2026-07-14')).toThrow(RangeError);
  });
});

describe('remaining months and proration', () => {
  it('counts the joining month and every month to the end of the period', () => {
    const fy = fiscalYearPeriod(2026);
    expect(remainingMonths(fy, '2026-04-01')).toBe(12);
    expect(remainingMonths(fy, '2026-10-15')).toBe(6);
    expect(remainingMonths(fy, '2027-03-31')).toBe(1);
    expect(() => remainingMonths(fy, '2027-04-01')).toThrow(RangeError);
  });

  it('is 1–12 for any date in a fiscal year and falls by one each month', () => {
    fc.assert(
      fc.property(isoDate, startMonth, (date, m) => {
        const p = fiscalYearPeriod(fiscalYearOf(date, m), m);
        const months = remainingMonths(p, date);
        expect(months).toBeGreaterThanOrEqual(1);
        expect(months).toBeLessThanOrEqual(12);
        const later = addMonths(date, 1);
        if (later <= p.end) expect(remainingMonths(p, later)).toBe(months - 1);
      }),
    );
  });

  it('prorates by twelfths rounded up to the yen', () => {
    expect(prorate(12_000n, 12)).toBe(12_000n);
    expect(prorate(12_000n, 6)).toBe(6_000n);
    expect(prorate(10_000n, 1)).toBe(834n);
    expect(prorate(1n, 1)).toBe(1n);
    expect(() => prorate(1000n, 0)).toThrow(RangeError);
    expect(() => prorate(1000n, 13)).toThrow(RangeError);
  });

  it('never charges nothing, never more than the year, never less than the exact share, and grows with the months', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.integer({ min: 1, max: 12 }), (amount, months) => {
        const p = prorate(amount, months);
        expect(p).toBeGreaterThanOrEqual(1n);
        expect(p).toBeLessThanOrEqual(amount);
        // p is the exact amount × months / 12, rounded up: less than one yen above it.
        expect(p * 12n).toBeGreaterThanOrEqual(amount * BigInt(months));
        expect(p * 12n - amount * BigInt(months)).toBeLessThan(12n);
        if (months < 12) expect(prorate(amount, months + 1)).toBeGreaterThanOrEqual(p);
      }),
    );
  });
});

describe('grace', () => {
  it('ends the given number of days after the period', () => {
    expect(graceEnd(fiscalYearPeriod(2026), 30)).toBe('2027-04-30');
    expect(graceEnd(fiscalYearPeriod(2026), 0)).toBe('2027-03-31');
    expect(() => graceEnd(fiscalYearPeriod(2026), -1)).toThrow(RangeError);
  });

  it('is exactly graceDays after the period end, whatever the period', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 400 }), (anchor, days) => {
        const p = anniversaryPeriod(anchor, 0);
        const end = graceEnd(p, days);
        expect(daysBetween(p.end, end)).toBe(days);
        expect(end >= p.end).toBe(true);
      }),
    );
  });
});

describe('dates', () => {
  it('validates calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-13-01')).toBe(false);
    expect(isIsoDate('2023-1-01')).toBe(false);
  });

  it('adds days and months across year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2027-03-15', -3)).toBe('2026-12-15');
  });
});
