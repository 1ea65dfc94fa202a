/**
 * Dues periods on `YYYY-MM-DD` business dates (the arithmetic itself is #core's date module;
 * Asia/Tokyo, no time of day). No Nest, no database.
 *
 * - Fiscal year N of a plan starting in month M runs from N-M-01 to the day
 *   before (N+1)-M-01 (年度: fiscal year 2027 with M = 4 is 2027-04-01 … 2028-03-31).
 * - An anniversary period starts on the join date and lasts one year; period k
 *   starts k years after the anchor (29 February becomes 28 February in other years).
 * - A mid-year joiner on "remaining months" pays for the months from the month
 *   they join to the end of the period, the joining month included.
 */
import { addDays, addMonths, DEFAULT_FISCAL_YEAR_START_MONTH, fiscalYearOf, fiscalYearRange, type DateRange, type IsoDate } from '#core';

/** Dates, months and fiscal years are #core's (time/dates.ts); re-exported for the dues API's callers. */
export { addDays, addMonths, daysBetween, daysInMonth, DEFAULT_FISCAL_YEAR_START_MONTH, fiscalYearOf, isIsoDate, type IsoDate } from '#core';

/** Inclusive at both ends. */
export type Period = DateRange;

const ymd = (date: IsoDate) => ({ y: Number(date.slice(0, 4)), m: Number(date.slice(5, 7)) });

export function contains(period: Period, date: IsoDate): boolean {
  return period.start <= date && date <= period.end;
}

export function fiscalYearPeriod(fiscalYear: number, startMonth = DEFAULT_FISCAL_YEAR_START_MONTH): Period {
  return fiscalYearRange(fiscalYear, startMonth);
}

/** The k-th anniversary period of a membership anchored on `anchor` (k = 0 is the first). */
export function anniversaryPeriod(anchor: IsoDate, k: number): Period {
  return { start: addMonths(anchor, 12 * k), end: addDays(addMonths(anchor, 12 * (k + 1)), -1) };
}

/** The anniversary period containing `date` (which must not be before the anchor). */
export function anniversaryPeriodContaining(anchor: IsoDate, date: IsoDate): Period {
  if (date < anchor) throw new RangeError(`${date} is before the anniversary anchor ${anchor}`);
  const a = ymd(anchor);
  const t = ymd(date);
  let k = t.y - a.y;
  while (k > 0 && anniversaryPeriod(anchor, k).start > date) k--;
  while (anniversaryPeriod(anchor, k).end < date) k++;
  return anniversaryPeriod(anchor, k);
}

/** The period right after `period` under the same mode. */
export function nextPeriod(period: Period, mode: PeriodMode, anchor: IsoDate): Period {
  const start = addDays(period.end, 1);
  return mode === 'ANNIVERSARY' ? anniversaryPeriodContaining(anchor, start) : { start, end: addDays(addMonths(start, 12), -1) };
}

/** 年度 (the fiscal year, 1 April by default) or the anniversary of joining. Enum-like: keys are the values; GraphQL `DuesPeriodMode`. */
export const PeriodMode = { FISCAL_YEAR: 'FISCAL_YEAR', ANNIVERSARY: 'ANNIVERSARY' } as const;
export type PeriodMode = (typeof PeriodMode)[keyof typeof PeriodMode];

/**
 * The period a member joining on `date` is invoiced for: the fiscal year
 * containing it, or the anniversary year starting on it.
 */
export function joiningPeriod(date: IsoDate, mode: PeriodMode, startMonth = DEFAULT_FISCAL_YEAR_START_MONTH): Period {
  return mode === 'ANNIVERSARY' ? anniversaryPeriod(date, 0) : fiscalYearPeriod(fiscalYearOf(date, startMonth), startMonth);
}

/** Calendar months from the month of `date` to the month of the period's end, both included (1–12 for a 12-month period). */
export function remainingMonths(period: Period, date: IsoDate): number {
  if (!contains(period, date)) throw new RangeError(`${date} is outside ${period.start}…${period.end}`);
  const d = ymd(date);
  const e = ymd(period.end);
  return (e.y - d.y) * 12 + (e.m - d.m) + 1;
}

/**
 * The amount for `months` of a 12-month amount, rounded up to the minor unit
 * (端数切り上げ): never zero for a positive amount, never above the amount.
 */
export function prorate(amount: bigint, months: number): bigint {
  if (!Number.isInteger(months) || months < 1 || months > 12) throw new RangeError(`Months must be 1–12, got ${months}`);
  const m = BigInt(months);
  return (amount * m + 11n) / 12n;
}

/** The last day a membership keeps its standing after `period` ends unpaid for the next one. */
export function graceEnd(period: Period, graceDays: number): IsoDate {
  if (!Number.isInteger(graceDays) || graceDays < 0) throw new RangeError(`Grace days must be a whole number ≥ 0, got ${graceDays}`);
  return addDays(period.end, graceDays);
}
