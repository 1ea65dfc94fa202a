/** Days after a month's first declined charge on which it is tried again; after the last, the gift pauses. */
export const RETRY_DAYS = [1, 3, 7] as const;

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM of a date. */
export function periodOf(date: string): string {
  return date.slice(0, 7);
}

/** The charge date of the month after `date`'s, on `dayOfMonth` (1–28: every month has it). */
export function nextChargeOn(date: string, dayOfMonth: number): string {
  const [y, m] = date.split('-').map(Number);
  const year = m === 12 ? y + 1 : y;
  const month = m === 12 ? 1 : m + 1;
  return `${year}-${pad(month)}-${pad(dayOfMonth)}`;
}

/** The day a gift is charged each month, from the day it started (29th–31st charge on the 28th). */
export function chargeDayOf(date: string): number {
  return Math.min(Number(date.slice(8, 10)), 28);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * After `failures` declined attempts of a month (first tried on `firstAttemptOn`): the day of the
 * next retry, or null when every retry is used (the gift pauses).
 */
export function nextRetryOn(firstAttemptOn: string, failures: number): string | null {
  const days = RETRY_DAYS[failures - 1];
  return days === undefined ? null : addDays(firstAttemptOn, days);
}
