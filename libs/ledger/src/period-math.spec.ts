import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  addMonths,
  fiscalYearOf,
  fiscalYearRange,
  isBusinessDate,
  monthEnd,
  monthOf,
  monthOfInstant,
  openMonthOnOrAfter,
  parseMonth,
  postingDate,
} from './period-math.js';

/** Real dates 2000-01-01 .. 2099-12-31 as YYYY-MM-DD. */
const dateArb = fc
  .date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const monthArb = dateArb.map(monthOf);

describe('month of a date in Asia/Tokyo', () => {
  it('an instant late on 31 March UTC is already April in Tokyo', () => {
    expect(monthOfInstant(new Date('2025-03-31T14:59:59Z'))).toBe('2025-03-01');
    expect(monthOfInstant(new Date('2025-03-31T15:00:00Z'))).toBe('2025-04-01');
  });

  it('the Tokyo month of any instant is the UTC month of that instant plus nine hours', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2099, 0, 1)), noInvalidDate: true }), (instant) => {
        const shifted = new Date(instant.getTime() + 9 * 3600_000).toISOString().slice(0, 7);
        expect(monthOfInstant(instant)).toBe(`${shifted}-01`);
      }),
    );
  });

  it('a month starts on its first day and contains its dates', () => {
    fc.assert(
      fc.property(dateArb, (date) => {
        expect(monthOf(date) <= date).toBe(true);
        expect(date <= monthEnd(monthOf(date))).toBe(true);
        expect(isBusinessDate(monthEnd(monthOf(date)))).toBe(true);
      }),
    );
  });

  it('knows leap years and refuses dates that do not exist', () => {
    expect(monthEnd('2024-02-01')).toBe('2024-02-29');
    expect(monthEnd('2025-02-01')).toBe('2025-02-28');
    expect(isBusinessDate('2025-02-29')).toBe(false);
    expect(isBusinessDate('2025-13-01')).toBe(false);
    expect(isBusinessDate('2025-1-01')).toBe(false);
    expect(parseMonth('2025-04')).toBe('2025-04-01');
    expect(parseMonth('2025-4')).toBeNull();
    expect(parseMonth('2025-00')).toBeNull();
  });

  it('adding months and taking them away again is the identity', () => {
    fc.assert(
      fc.property(monthArb, fc.integer({ min: -300, max: 300 }), (month, n) => {
        expect(addMonths(addMonths(month, n), -n)).toBe(month);
        expect(addMonths(month, 12).slice(5)).toBe(month.slice(5));
      }),
    );
  });
});

describe('next open month', () => {
  const closedArb = fc.uniqueArray(monthArb, { maxLength: 30 }).map((ms) => new Set(ms));

  it('is the earliest month not before the given one that is not closed', () => {
    fc.assert(
      fc.property(monthArb, closedArb, (month, closed) => {
        const open = openMonthOnOrAfter(month, closed);
        expect(open >= month).toBe(true);
        expect(closed.has(open)).toBe(false);
        for (let m = month; m < open; m = addMonths(m, 1)) expect(closed.has(m)).toBe(true);
      }),
    );
  });

  it('a date in an open month posts on that date; in a closed one, on the first day of the next open month', () => {
    fc.assert(
      fc.property(dateArb, closedArb, (date, closed) => {
        const posted = postingDate(date, closed);
        expect(closed.has(monthOf(posted))).toBe(false);
        if (closed.has(monthOf(date))) {
          expect(posted > date).toBe(true);
          expect(posted).toBe(monthOf(posted));
        } else {
          expect(posted).toBe(date);
        }
      }),
    );
    expect(postingDate('2025-04-20', new Set(['2025-04-01', '2025-05-01']))).toBe('2025-06-01');
  });
});

describe('fiscal years starting 1 April', () => {
  it('31 March belongs to the year before, 1 April to the new one', () => {
    expect(fiscalYearOf('2025-03-31')).toBe(2024);
    expect(fiscalYearOf('2025-04-01')).toBe(2025);
    expect(fiscalYearRange(2025)).toEqual({ start: '2025-04-01', end: '2026-03-31' });
    expect(fiscalYearOf('2025-12-31', 1)).toBe(2025);
  });

  it('every date falls inside the range of its fiscal year, whatever the starting month', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 12 }), (date, start) => {
        const { start: from, end } = fiscalYearRange(fiscalYearOf(date, start), start);
        expect(from <= date && date <= end).toBe(true);
        expect(addMonths(monthOf(from), 12)).toBe(addMonths(monthOf(end), 1));
      }),
    );
  });
});
