import { describe, expect, it } from '@jest/globals';
import { ReminderKind, nextReminder, reminderDates, reminderDue } from './reminder-schedule.js';

// A period ending 31 March with 30 days of grace (grace ends 30 April).
const dates = { endsOn: '2027-03-31', graceEnd: '2027-04-30' };

describe('renewal reminder schedule', () => {
  it('falls due 30 and 7 days before the period ends, on the day, and 7 days before grace ends', () => {
    expect(reminderDates(dates)).toEqual({ DAYS_30: '2027-03-01', DAYS_7: '2027-03-24', DAY_OF: '2027-03-31', GRACE_ENDING: '2027-04-23' });
  });

  it.each([
    ['2027-02-28', null],
    ['2027-03-01', ReminderKind.DAYS_30],
    ['2027-03-23', ReminderKind.DAYS_30],
    ['2027-03-24', ReminderKind.DAYS_7],
    ['2027-03-31', ReminderKind.DAY_OF],
    ['2027-04-06', ReminderKind.DAY_OF],
    ['2027-04-07', null], // a day-of reminder more than 6 days late would say "today" wrongly: skipped
    ['2027-04-22', null],
    ['2027-04-23', ReminderKind.GRACE_ENDING],
    ['2027-04-30', ReminderKind.GRACE_ENDING],
    ['2027-05-01', null],
  ])('on %s the reminder due is %s (the latest whose day has come)', (today, kind) => {
    expect(reminderDue(dates, today)).toBe(kind);
  });

  it('a short grace sends the grace-ending reminder from the day after the period ends', () => {
    expect(reminderDates({ endsOn: '2027-03-31', graceEnd: '2027-04-03' }).GRACE_ENDING).toBe('2027-04-01');
    expect(reminderDue({ endsOn: '2027-03-31', graceEnd: '2027-04-03' }, '2027-03-31')).toBe(ReminderKind.DAY_OF);
  });

  it('no grace: no grace-ending reminder, nothing after the day', () => {
    expect(reminderDates({ endsOn: '2027-03-31', graceEnd: '2027-03-31' }).GRACE_ENDING).toBeNull();
    expect(reminderDue({ endsOn: '2027-03-31', graceEnd: '2027-03-31' }, '2027-04-01')).toBeNull();
  });

  it('names the next reminder and its day', () => {
    expect(nextReminder(dates, '2027-02-01')).toEqual({ kind: ReminderKind.DAYS_30, on: '2027-03-01' });
    expect(nextReminder(dates, '2027-03-01')).toEqual({ kind: ReminderKind.DAYS_7, on: '2027-03-24' });
    expect(nextReminder(dates, '2027-04-23')).toBeNull();
  });
});
