/**
 * Dues periods: plain date arithmetic on `YYYY-MM-DD` strings (business dates,
 * Asia/Tokyo; no time of day, no time zone). No Nest, no database.
 *
 * - Fiscal year N of a plan starting in month M runs from N-M-01 to the day
 *   before (N+1)-M-01 (年度: fiscal year 2027 with M = 4 is 2027-04-01 … 2028-03-31).
 * - An anniversary period starts on the join date and lasts one year; period k
 *   starts k years after the anchor (29 February becomes 28 February in other years).
 * - A mid-year joiner on "remaining months" pays for the months from the month
 *   they join to the end of the period, the joining month included.
 */
export type IsoDate = string;

/** Inclusive at both ends. */
export interface Period {
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

/** Adds calendar months; a day past the end of the target month becomes its last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { y, m, d } = parse(date);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  return format({ y: ty, m: tm, d: Math.min(d, daysInMonth(ty, tm)) });
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const a = parse(from);
  const b = parse(to);
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}

export function contains(period: Period, date: IsoDate): boolean {
  return period.start <= date && date <= period.end;
}

function assertStartMonth(startMonth: number): void {
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12) throw new RangeError(`Fiscal year start month must be 1–12, got ${startMonth}`);
}

/** The fiscal year (labelled by the calendar year it starts in) a date falls in. */
export function fiscalYearOf(date: IsoDate, startMonth = DEFAULT_FISCAL_YEAR_START_MONTH): number {
  assertStartMonth(startMonth);
  const { y, m } = parse(date);
  return m >= startMonth ? y : y - 1;
}

export function fiscalYearPeriod(fiscalYear: number, startMonth = DEFAULT_FISCAL_YEAR_START_MONTH): Period {
  assertStartMonth(startMonth);
  const start = format({ y: fiscalYear, m: startMonth, d: 1 });
  return { start, end: addDays(addMonths(start, 12), -1) };
}

/** The k-th anniversary period of a membership anchored on `anchor` (k = 0 is the first). */
export function anniversaryPeriod(anchor: IsoDate, k: number): Period {
  return { start: addMonths(anchor, 12 * k), end: addDays(addMonths(anchor, 12 * (k + 1)), -1) };
}

/** The anniversary period containing `date` (which must not be before the anchor). */
export function anniversaryPeriodContaining(anchor: IsoDate, date: IsoDate): Period {
  if (date < anchor) throw new RangeError(`${date} is before the anniversary anchor ${anchor}`);
  const a = parse(anchor);
  const t = parse(date);
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

export type PeriodMode = 'FISCAL_YEAR' | 'ANNIVERSARY';

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
  const d = parse(date);
  const e = parse(period.end);
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
