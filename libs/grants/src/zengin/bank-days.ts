import holidayJp from '@holiday-jp/holiday_jp';
import { addDays } from '#core';

/**
 * Bank business days in Japan: not Saturday or Sunday, not a national holiday
 * (@holiday-jp/holiday_jp, maintained), not the banks' year-end holidays 31 Dec – 3 Jan.
 * Dates are YYYY-MM-DD strings (Asia/Tokyo calendar dates).
 */
export function isBankBusinessDay(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = d.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const md = date.slice(5);
  if (md === '12-31' || md === '01-01' || md === '01-02' || md === '01-03') return false;
  return !(date in holidayJp.holidays);
}

export { addDays } from '#core';

/** The first bank business day on or after `date`. */
export function nextBankBusinessDay(date: string): string {
  let d = date;
  while (!isBankBusinessDay(d)) d = addDays(d, 1);
  return d;
}

/** `count` bank business days after `date` (0: the date itself if a business day, else the next). */
export function addBankBusinessDays(date: string, count: number): string {
  let d = nextBankBusinessDay(date);
  for (let i = 0; i < count; i++) d = nextBankBusinessDay(addDays(d, 1));
  return d;
}
