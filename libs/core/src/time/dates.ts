import { toBusinessDate } from './clock.js';

/**
 * The house's one date module: business dates as `YYYY-MM-DD` strings (calendar dates in Asia/Tokyo,
 * no time of day), months named by their first day (`YYYY-MM-01`), and the Japanese fiscal year
 * (年度: from 1 April unless a plan says otherwise, named by the calendar year it starts in — fiscal
 * year 2026 is 2026-04-01 … 2027-03-31). Pure, except `monthOfInstant` (an instant's month in Tokyo).
 * Today in Asia/Tokyo is `Clock.today()`; an instant's date is `toBusinessDate`.
 */
export type IsoDate = string;

/** Inclusive at both ends. */
export interface DateRange {
  start: IsoDate;
  end: IsoDate;
}

export const DEFAULT_FISCAL_YEAR_START_MONTH = 4;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Ymd {
  y: number;
  m: number;
  d: number;
}

/** A real calendar date written YYYY-MM-DD (2025-02-30 is not). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function parse(date: IsoDate): Ymd {
  if (!isIsoDate(date)) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  return { y: Number(date.slice(0, 4)), m: Number(date.slice(5, 7)), d: Number(date.slice(8, 10)) };
}

function format({ y, m, d }: Ymd): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const { y, m, d } = parse(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return format({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() });
}

/** Adds calendar months; a day past the end of the target month becomes its last day (31 Jan + 1 month = 28/29 Feb). A month (YYYY-MM-01) gives a month. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { y, m, d } = parse(date);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (((index % 12) + 12) % 12) + 1;
  return format({ y: ty, m: tm, d: Math.min(d, daysInMonth(ty, tm)) });
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const a = parse(from);
  const b = parse(to);
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}

/** The month a date falls in: its first day. */
export function monthOf(date: IsoDate): IsoDate {
  return `${date.slice(0, 7)}-01`;
}

/** The month an instant falls in, in Asia/Tokyo (2025-03-31T15:00Z is April there). */
export function monthOfInstant(instant: Date): IsoDate {
  return monthOf(toBusinessDate(instant));
}

/** The last day of the month a date falls in. */
export function monthEnd(date: IsoDate): IsoDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return `${date.slice(0, 7)}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

function assertStartMonth(startMonth: number): void {
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12) throw new RangeError(`Fiscal year start month must be 1–12, got ${startMonth}`);
}

/** The fiscal year a date falls in, named by the calendar year it starts in (2026-03-31 is in 2025, 2026-04-01 in 2026). */
export function fiscalYearOf(date: IsoDate, startMonth = DEFAULT_FISCAL_YEAR_START_MONTH): number {
  assertStartMonth(startMonth);
  const { y, m } = parse(date);
  return m >= startMonth ? y : y - 1;
}

/** First and last day of a fiscal year. */
export function fiscalYearRange(fiscalYear: number, startMonth = DEFAULT_FISCAL_YEAR_START_MONTH): DateRange {
  assertStartMonth(startMonth);
  const start = format({ y: fiscalYear, m: startMonth, d: 1 });
  return { start, end: addDays(addMonths(start, 12), -1) };
}
