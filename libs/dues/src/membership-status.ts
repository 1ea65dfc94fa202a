/**
 * The life of a membership (the dues standing: paid, in grace, lapsed …), written down in one place.
 * Not the members library's MemberStatus, the member record's standing in the register. Every status change in
 * the code goes through `transition()`; the table below is the whole truth.
 *
 *   PENDING   joined, first invoice not yet paid in full (or paid, before the join date)
 *   ACTIVE    paid for the current period
 *   GRACE     a new period started unpaid; benefits kept until the plan's grace days run out
 *   LAPSED    the grace ran out unpaid (or a joiner never paid)
 *   CANCELLED ended by the member or staff; final
 */
export enum MembershipStatus {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
  GRACE = 'GRACE',
  LAPSED = 'LAPSED',
  CANCELLED = 'CANCELLED',
}

export enum MembershipEvent {
  /** An invoice was paid in full, the paid periods reach today and the membership has started (joinedOn ≤ today). */
  PAID_IN_FULL = 'PAID_IN_FULL',
  /** The paid period ended and the next one's invoice is unpaid (renewals drive it). */
  PERIOD_ENDED_UNPAID = 'PERIOD_ENDED_UNPAID',
  /** The grace days ran out unpaid (renewals drive it). */
  GRACE_EXPIRED = 'GRACE_EXPIRED',
  /** A lapsed member joins again: a new first invoice. */
  REJOIN = 'REJOIN',
  /**
   * A payment that had made the membership active was voided: it goes back to
   * the standing its remaining payments give it (see `standing`).
   */
  PAYMENT_REVERSED = 'PAYMENT_REVERSED',
  /** A membership paid before its join date reached that date (MembershipStarts drives it). */
  STARTED = 'STARTED',
  CANCEL = 'CANCEL',
}

const S = MembershipStatus;
const E = MembershipEvent;

/**
 * From status → event → the statuses it may lead to (the first is the one it
 * leads to unless the caller names another of them). A missing entry is a
 * transition that is not allowed.
 */
export const MEMBERSHIP_TRANSITIONS: Readonly<Record<MembershipStatus, Readonly<Partial<Record<MembershipEvent, readonly MembershipStatus[]>>>>> = {
  [S.PENDING]: { [E.PAID_IN_FULL]: [S.ACTIVE], [E.STARTED]: [S.ACTIVE], [E.GRACE_EXPIRED]: [S.LAPSED], [E.CANCEL]: [S.CANCELLED] },
  [S.ACTIVE]: {
    [E.PAID_IN_FULL]: [S.ACTIVE],
    [E.PERIOD_ENDED_UNPAID]: [S.GRACE],
    [E.PAYMENT_REVERSED]: [S.PENDING, S.GRACE, S.LAPSED, S.ACTIVE],
    [E.CANCEL]: [S.CANCELLED],
  },
  [S.GRACE]: { [E.PAID_IN_FULL]: [S.ACTIVE], [E.GRACE_EXPIRED]: [S.LAPSED], [E.CANCEL]: [S.CANCELLED] },
  [S.LAPSED]: { [E.PAID_IN_FULL]: [S.ACTIVE], [E.REJOIN]: [S.PENDING], [E.CANCEL]: [S.CANCELLED] },
  [S.CANCELLED]: {},
};

/**
 * The status after `event` (or `target`, when the event allows several), or
 * null when the event is not allowed in `from` or cannot lead to `target`.
 */
export function transition(from: MembershipStatus, event: MembershipEvent, target?: MembershipStatus): MembershipStatus | null {
  const allowed = MEMBERSHIP_TRANSITIONS[from][event];
  if (!allowed) return null;
  if (target === undefined) return allowed[0];
  return allowed.includes(target) ? target : null;
}

export function canTransition(from: MembershipStatus, event: MembershipEvent): boolean {
  return transition(from, event) !== null;
}

/**
 * The standing a membership's payments give it on `today`: active while the
 * paid periods reach today, in grace for `graceDays` after they end, then lapsed;
 * pending when nothing was ever paid (lapsed once the grace after the first period ends),
 * and pending before its join date whatever was paid (a membership starts on that day).
 */
export function standing(input: {
  paidThrough: string | null;
  /** The last day of grace after the paid periods (after the first period when nothing was paid). */
  graceEnd: string;
  today: string;
  /** The join date: nothing counts before it. */
  startsOn?: string;
}): MembershipStatus {
  if (input.startsOn !== undefined && input.today < input.startsOn) return S.PENDING;
  if (input.paidThrough === null) return input.today > input.graceEnd ? S.LAPSED : S.PENDING;
  if (input.paidThrough >= input.today) return S.ACTIVE;
  return input.today > input.graceEnd ? S.LAPSED : S.GRACE;
}

/** Statuses that fiscal-year invoices are issued to. (A member has at most one membership that is not CANCELLED.) */
export const CURRENT_STATUSES: readonly MembershipStatus[] = [S.PENDING, S.ACTIVE, S.GRACE];

/** Statuses of a membership that has ended (a lapsed one may be rejoined). */
export function isEnded(status: MembershipStatus): boolean {
  return status === S.LAPSED || status === S.CANCELLED;
}
