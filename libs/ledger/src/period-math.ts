import { toBusinessDate } from '#core';

/**
 * Month and fiscal-year arithmetic on business dates (YYYY-MM-DD, Asia/Tokyo).
 * A month is named by its first day, YYYY-MM-01. Pure: no clock, no database.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (2025-02-30 is not). */
export function isBusinessDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 9999 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The month a date falls in: its first day. */
export function monthOf(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** The month an instant falls in, in Asia/Tokyo (2025-03-31T15:00Z is April there). */
export function monthOfInstant(instant: Date): string {
  return monthOf(toBusinessDate(instant));
}

/** `YYYY-MM` or `YYYY-MM-01` → `YYYY-MM-01`, or null when it is not a month. */
export function parseMonth(value: string): string | null {
  const m = /^(\d{4})-(\d{2})(?:-01)?$/.exec(value);
  if (!m) return null;
  const mo = Number(m[2]);
  const y = Number(m[1]);
  if (mo < 1 || mo > 12 || y < 1900) return null;
  return `${m[1]}-${m[2]}-01`;
}

export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const mo = Number(month.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(mo / 12);
  const m = ((mo % 12) + 12) % 12;
  return `${String(year).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The last day of the month. */
export function monthEnd(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return `${month.slice(0, 7)}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

/** The first month on or after `month` that is not closed. */
export function openMonthOnOrAfter(month: string, closed: ReadonlySet<string>): string {
  let m = month;
  while (closed.has(m)) m = addMonths(m, 1);
  return m;
}

/**
 * Where a business item dated `date` is posted: on its date when its month is open,
 * else on the first day of the next open month.
 */
export function postingDate(date: string, closed: ReadonlySet<string>): string {
  const month = monthOf(date);
  if (!closed.has(month)) return date;
  return openMonthOnOrAfter(month, closed);
}

/** The fiscal year a date belongs to, named by the calendar year it starts in (1 April by default). */
export function fiscalYearOf(date: string, startMonth = 4): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m >= startMonth ? y : y - 1;
}

/** First and last day of a fiscal year. */
export function fiscalYearRange(fiscalYear: number, startMonth = 4): { start: string; end: string } {
  const start = `${String(fiscalYear).padStart(4, '0')}-${String(startMonth).padStart(2, '0')}-01`;
  return { start, end: monthEnd(addMonths(start, 11)) };
}
