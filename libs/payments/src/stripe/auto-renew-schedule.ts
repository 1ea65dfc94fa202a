import { addDays } from '#dues';
import { AutoRenewChargeStatus } from './auto-renew-charge.entity.js';

/** Days after the due date on which a declined card is tried again (attempts 2, 3 and 4); then no more. */
export const AUTO_RENEW_RETRY_DAYS = [1, 3, 7] as const;
export const AUTO_RENEW_ATTEMPTS = AUTO_RENEW_RETRY_DAYS.length + 1;

/** The day attempt `n` (1-based) of an invoice due on `dueOn` is made. */
export function attemptDay(dueOn: string, attempt: number): string {
  return attempt <= 1 ? dueOn : addDays(dueOn, AUTO_RENEW_RETRY_DAYS[attempt - 2]);
}

/**
 * Which attempt a run on `on` makes for an invoice due on `dueOn`, given its latest attempt (pure):
 * the first on the due date; after a decline the next on its day (days 1, 3, 7; a run that missed
 * days makes the next one late, one per run); an attempt left CHARGING (a crash between the call and
 * its answer) is made again under the same idempotency key; anything else (succeeded, processing,
 * waiting for the payer, the last decline) makes none.
 */
export function attemptToMake(dueOn: string, latest: { attempt: number; status: AutoRenewChargeStatus } | null, on: string): number | null {
  if (!latest) return dueOn <= on ? 1 : null;
  if (latest.status === AutoRenewChargeStatus.CHARGING) return latest.attempt;
  if (latest.status !== AutoRenewChargeStatus.DECLINED || latest.attempt >= AUTO_RENEW_ATTEMPTS) return null;
  const next = latest.attempt + 1;
  return attemptDay(dueOn, next) <= on ? next : null;
}

/** The day after this attempt's decline the card is tried again, or null after the last. */
export function nextAttemptDay(dueOn: string, attempt: number): string | null {
  return attempt >= AUTO_RENEW_ATTEMPTS ? null : attemptDay(dueOn, attempt + 1);
}
