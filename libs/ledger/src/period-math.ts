/**
 * The ledger's months on business dates (YYYY-MM-DD, Asia/Tokyo): closed months and where a late item
 * is posted. A month is named by its first day, YYYY-MM-01. Pure: no clock, no database. The month and
 * fiscal-year arithmetic itself is #core's date module, re-exported here for the ledger's callers.
 */
import { addMonths, isIsoDate, monthOf } from '#core';

export { addMonths, daysInMonth, fiscalYearOf, fiscalYearRange, monthEnd, monthOf, monthOfInstant } from '#core';

/** The first year the ledger accepts dates and months in. */
export const LEDGER_FIRST_YEAR = 1900;

/** A real calendar date written YYYY-MM-DD (2025-02-30 is not), from 1900 on (the ledger's range). */
export function isBusinessDate(value: unknown): value is string {
  return isIsoDate(value) && value >= `${LEDGER_FIRST_YEAR}-01-01`;
}

/** `YYYY-MM` or `YYYY-MM-01` → `YYYY-MM-01`, or null when it is not a month. */
export function parseMonth(value: string): string | null {
  const m = /^(\d{4})-(\d{2})(?:-01)?$/.exec(value);
  if (!m) return null;
  const mo = Number(m[2]);
  const y = Number(m[1]);
  if (mo < 1 || mo > 12 || y < LEDGER_FIRST_YEAR) return null;
  return `${m[1]}-${m[2]}-01`;
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
