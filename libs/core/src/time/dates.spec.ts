import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays, addMonths, daysBetween, fiscalYearOf, fiscalYearRange, isIsoDate, monthEnd, monthOf, monthOfInstant } from './dates.js';

describe('#core dates', () => {
  it('knows a real date from a look-alike', () => {
    expect(['2024-02-29', '2025-12-31'].every(isIsoDate)).toBe(true);
    expect(['2025-02-29', '2025-13-01', '2025-1-01', 20250101, null].some(isIsoDate)).toBe(false);
  });

  it('adds months, keeping to the end of a shorter month, and months stay months', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-04-01', -4)).toBe('2024-12-01');
    expect(addMonths('2025-11-01', 14)).toBe('2027-01-01');
  });

  it('days: added across a year end, counted both ways', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(daysBetween('2026-03-01', '2026-02-01')).toBe(-28);
  });

  it('months of dates and instants (Tokyo), and their last days', () => {
    expect(monthOf('2025-06-17')).toBe('2025-06-01');
    expect(monthOfInstant(new Date('2025-03-31T15:00:00Z'))).toBe('2025-04-01');
    expect(monthEnd('2024-02-01')).toBe('2024-02-29');
  });

  it('the Japanese fiscal year starts on 1 April unless told otherwise', () => {
    expect(fiscalYearOf('2026-03-31')).toBe(2025);
    expect(fiscalYearOf('2026-04-01')).toBe(2026);
    expect(fiscalYearOf('2026-01-15', 1)).toBe(2026);
    expect(fiscalYearRange(2026)).toEqual({ start: '2026-04-01', end: '2027-03-31' });
    expect(() => fiscalYearOf('2026-04-01', 13)).toThrow(RangeError);
  });

  it('every date lies in the fiscal year it is said to be in', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), fc.integer({ min: 1, max: 12 }), (d, startMonth) => {
        const date = d.toISOString().slice(0, 10);
        const { start, end } = fiscalYearRange(fiscalYearOf(date, startMonth), startMonth);
        return start <= date && date <= end;
      }),
    );
  });
});
