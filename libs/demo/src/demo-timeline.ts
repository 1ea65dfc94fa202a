import { addDays, addMonths, fiscalYearOf, fiscalYearPeriod, type Period } from '#dues';

/**
 * The dates the demo's history hangs on, all relative to the day it is seeded: the current
 * fiscal year (年度, April to March) was invoiced on 1 March, due on 1 April, and paid over the
 * months since; the year before is what the old register says (paid, lapsed or withdrawn).
 */
export interface DemoTimeline {
  today: string;
  fiscalYear: number;
  current: Period;
  previous: Period;
  /** The fiscal-year invoices' issue date (they fall due when the year starts, 30 days later or more). */
  issuedOn: string;
  /** The last day a payment can be dated. */
  lastPaymentOn: string;
  /** Months closed in every book, 'YYYY-MM' (from the issue month to the month before last). */
  closedMonths: string[];
  /** Quarterly settlements between each branch and the federation: what was paid in [from, to], settled on `on`. */
  settlements: { from: string; to: string; on: string }[];
}

function month(date: string): string {
  return date.slice(0, 7);
}

function nextMonth(ym: string): string {
  const [y, m] = ym.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export function demoTimeline(today: string): DemoTimeline {
  const fiscalYear = fiscalYearOf(today);
  const current = fiscalYearPeriod(fiscalYear);
  const previous = fiscalYearPeriod(fiscalYear - 1);
  const issuedOn = `${fiscalYear}-03-01`;
  const lastPaymentOn = addDays(today, -1);

  const closedMonths: string[] = [];
  const monthBeforeLast = month(addDays(`${month(today)}-01`, -32));
  for (let m = month(issuedOn); m <= monthBeforeLast; m = nextMonth(m)) closedMonths.push(m);

  const settlements: DemoTimeline['settlements'] = [];
  for (let q = 0; q < 4; q++) {
    const from = q === 0 ? issuedOn : addMonths(current.start, 3 * q);
    const after = addMonths(current.start, 3 * (q + 1));
    const to = addDays(after, -1);
    const on = addDays(after, 9);
    if (on > lastPaymentOn) break;
    settlements.push({ from, to, on });
  }
  return { today, fiscalYear, current, previous, issuedOn, lastPaymentOn, closedMonths, settlements };
}
