/**
 * When renewal reminders go out: pure date rules, no Nest, no database.
 *
 *   DAYS_30       from 30 days before the period ends
 *   DAYS_7        from 7 days before
 *   DAY_OF        on the day it ends (or within DAY_OF_LATE_DAYS after, when runs were missed)
 *   GRACE_ENDING  in the last 7 days of grace (after the period ended)
 *
 * A run sends the latest reminder due on its day (a run missed for a few days does not send
 * the stale ones as well); each is sent once per membership, period and kind (a unique key).
 */
import { addDays } from '#dues';

export enum ReminderKind {
  DAYS_30 = 'DAYS_30',
  DAYS_7 = 'DAYS_7',
  DAY_OF = 'DAY_OF',
  GRACE_ENDING = 'GRACE_ENDING',
}

/** The first reminder: this many days before the period ends (candidates are read from then on). */
export const FIRST_REMINDER_DAYS = 30;
export const SECOND_REMINDER_DAYS = 7;
/** A missed day-of reminder still goes out this many days late; after that it would say "today" wrongly, so it is skipped. */
export const DAY_OF_LATE_DAYS = 6;
/** The grace-ending reminder: this many days before grace ends. */
export const GRACE_ENDING_DAYS = 7;

export interface ReminderDates {
  /** The last day of the period being renewed. */
  endsOn: string;
  /** The last day of grace after it. */
  graceEnd: string;
}

/** The day each reminder falls due (GRACE_ENDING null when the plan has no grace after the period). */
export function reminderDates({ endsOn, graceEnd }: ReminderDates): Record<ReminderKind, string | null> {
  const graceEnding = addDays(graceEnd, -GRACE_ENDING_DAYS);
  const afterEnd = addDays(endsOn, 1);
  return {
    [ReminderKind.DAYS_30]: addDays(endsOn, -FIRST_REMINDER_DAYS),
    [ReminderKind.DAYS_7]: addDays(endsOn, -SECOND_REMINDER_DAYS),
    [ReminderKind.DAY_OF]: endsOn,
    [ReminderKind.GRACE_ENDING]: graceEnd > endsOn ? (graceEnding > afterEnd ? graceEnding : afterEnd) : null,
  };
}

const ORDER = [ReminderKind.GRACE_ENDING, ReminderKind.DAY_OF, ReminderKind.DAYS_7, ReminderKind.DAYS_30];

/** The reminder due on `today` (the latest whose day has come), or null before the first and after grace. */
export function reminderDue(dates: ReminderDates, today: string): ReminderKind | null {
  if (today > dates.graceEnd) return null;
  const days = reminderDates(dates);
  const kind = ORDER.find((k) => days[k] !== null && days[k]! <= today) ?? null;
  return kind === ReminderKind.DAY_OF && today > addDays(dates.endsOn, DAY_OF_LATE_DAYS) ? null : kind;
}

/**
 * reminderDue in SQL, over three date expressions: the kind due on `today`, or NULL. The reminder
 * run computes it in its INSERT … SELECT; reminder-schedule.int-spec.ts holds the two to the same answers.
 */
export function reminderDueSql(endsOn: string, graceEnd: string, today: string): string {
  return `(CASE WHEN ${today} > ${graceEnd} THEN NULL
       WHEN ${graceEnd} > ${endsOn} AND GREATEST(${graceEnd} - ${GRACE_ENDING_DAYS}, ${endsOn} + 1) <= ${today} THEN '${ReminderKind.GRACE_ENDING}'
       WHEN ${endsOn} <= ${today} THEN CASE WHEN ${today} > ${endsOn} + ${DAY_OF_LATE_DAYS} THEN NULL ELSE '${ReminderKind.DAY_OF}' END
       WHEN ${endsOn} - ${SECOND_REMINDER_DAYS} <= ${today} THEN '${ReminderKind.DAYS_7}'
       WHEN ${endsOn} - ${FIRST_REMINDER_DAYS} <= ${today} THEN '${ReminderKind.DAYS_30}'
     END)`;
}

/** The next reminder after `today`, with its day (null when none is left). */
export function nextReminder(dates: ReminderDates, today: string): { kind: ReminderKind; on: string } | null {
  const days = reminderDates(dates);
  const upcoming = [...ORDER].reverse().find((kind) => days[kind] !== null && days[kind]! > today && days[kind]! <= dates.graceEnd);
  return upcoming ? { kind: upcoming, on: days[upcoming]! } : null;
}
